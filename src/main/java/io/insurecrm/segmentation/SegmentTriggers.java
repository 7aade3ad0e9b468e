package io.insurecrm.segmentation;

import io.insurecrm.platform.BackgroundTask;

import io.insurecrm.customer.HouseholdMemberAdded;
import io.insurecrm.policy.PolicyIssued;
import io.insurecrm.policy.PolicyStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When segments are recomputed: one customer when his premium (a policy issued to him or changing status) or his
 * household changes (every member of the household: a new child changes his parents' life stage), the changed
 * dimension of the whole book after a rule change, nightly at {@code crm.segmentation.cron} the customers whose inputs were written or whose
 * placements fall due (ages and windows move on by themselves; {@link SegmentRecompute#nightly()}); and once in the
 * background at start when customers exist but none is placed yet (a freshly loaded book), unless
 * {@code crm.segmentation.recompute-on-start=false}.
 */
@Component
class SegmentTriggers {

    private static final Logger log = LoggerFactory.getLogger(SegmentTriggers.class);

    private final SegmentRecompute recompute;
    private final SegmentBookRuns bookRuns;
    private final JdbcClient jdbc;
    private final boolean nightly;
    private final boolean onStart;
    private final boolean resumeOnStart;

    SegmentTriggers(SegmentRecompute recompute, SegmentBookRuns bookRuns, JdbcClient jdbc,
                    @Value("${crm.segmentation.nightly:true}") boolean nightly,
                    @Value("${crm.segmentation.recompute-on-start:true}") boolean onStart,
                    @Value("${crm.segmentation.resume-on-start:true}") boolean resumeOnStart) {
        this.recompute = recompute;
        this.bookRuns = bookRuns;
        this.jdbc = jdbc;
        this.nightly = nightly;
        this.onStart = onStart;
        this.resumeOnStart = resumeOnStart;
    }

    /**
     * In the background at start: a whole-book run left interrupted by a stopped instance is resumed (its committed
     * chunks are placed by the new rules, the rest by the old ones until it ends), unless
     * {@code crm.segmentation.resume-on-start=false}; then a book nobody is placed in yet is placed.
     */
    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        boolean unplaced = onStart && jdbc.sql("""
                select exists (select 1 from customer) and not exists (select 1 from segment_placement)""")
                .query(Boolean.class).single();
        if (!unplaced && !resumeOnStart) {
            return;
        }
        BackgroundTask.start("segments-on-start", () -> {
            if (resumeOnStart) {
                bookRuns.resumeInterrupted("system").ifPresent(run ->
                        log.info("Resumed the interrupted whole-book segment run {}: {}", run.id(), run.state()));
            }
            if (unplaced && !jdbc.sql("select exists (select 1 from segment_placement)").query(Boolean.class).single()) {
                SegmentBookRun run = bookRuns.runNow("system", "first placement of the book");
                log.info("Placed the book in its segments (run {}): {} placements in {} ms", run.id(), run.result().opened(),
                        run.took().toMillis());
            }
        }, log, "The whole-book segment run at start failed; it is resumable, and the nightly run resumes it");
    }

    @ApplicationModuleListener
    void on(PolicyIssued event) {
        recompute.recompute(event.holderId());
    }

    @ApplicationModuleListener
    void on(PolicyStatusChanged event) {
        recompute.recompute(event.holderId());
    }

    @ApplicationModuleListener
    void on(HouseholdMemberAdded event) {
        recompute.recompute(jdbc.sql("select customer_id from household_member where household_id = :household")
                .param("household", event.householdId()).query(Long.class).list());
    }

    /**
     * A new rule version: only its dimension (and the rule tags reading it), or only the rule tags after a tag-rule change,
     * re-placed for the whole book; the whole book when it is not otherwise up to date ({@link SegmentBookRuns#runRuleChange}).
     * Waits for a run in progress to end first.
     */
    @ApplicationModuleListener
    void on(SegmentRulesChanged event) {
        bookRuns.runRuleChange(event.dimension(), event.by() == null ? "system" : event.by(), "rule change: "
                + (event.dimension() == null ? "tag rules" : event.dimension() + " rules") + " version " + event.version());
    }

    @Scheduled(cron = "${crm.segmentation.cron:0 0 3 * * *}", zone = "${crm.time-zone:Asia/Shanghai}")
    void nightly() {
        if (nightly) {
            SegmentRecompute.Run run = bookRuns.nightly().orElse(null);
            if (run == null) {
                return;
            }
            log.info("Nightly segmentation: {} customers recomputed{} in {} ms, {} placements closed, {} opened",
                    run.customers(), run.full() ? " (the whole book)" : "", run.took().toMillis(), run.closed(), run.opened());
        }
    }
}
