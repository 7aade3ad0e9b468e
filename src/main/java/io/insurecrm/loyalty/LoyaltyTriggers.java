package io.insurecrm.loyalty;

import io.insurecrm.interaction.InteractionRecorded;
import io.insurecrm.interaction.InteractionType;
import io.insurecrm.platform.BackgroundTask;
import io.insurecrm.policy.PolicyIssued;
import io.insurecrm.policy.PolicyRenewed;
import io.insurecrm.policy.PolicyStatusChanged;
import java.time.Clock;
import java.time.LocalDate;
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
 * When tiers are evaluated: one member at once when a policy of his is issued, renewed, or changes status; the whole
 * book after a rule change and nightly at {@code crm.loyalty.cron} (after writing off expired points); and once in the
 * background at start when customers exist but no member yet (a freshly loaded book), unless
 * {@code crm.loyalty.evaluate-on-start=false}. Interactions earn points: a SURVEY answered earns SURVEY points, an
 * EVENT_ATTENDANCE (the quarterly home-protection class) earns HOME_CLASS points, for members only, once per interaction.
 */
@Component
class LoyaltyTriggers {

    private static final Logger log = LoggerFactory.getLogger(LoyaltyTriggers.class);

    private final LoyaltyEvaluation evaluation;
    private final PointsLedger points;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean nightly;
    private final boolean onStart;

    LoyaltyTriggers(LoyaltyEvaluation evaluation, PointsLedger points, JdbcClient jdbc, Clock clock,
                    @Value("${crm.loyalty.nightly:true}") boolean nightly,
                    @Value("${crm.loyalty.evaluate-on-start:true}") boolean onStart) {
        this.evaluation = evaluation;
        this.points = points;
        this.jdbc = jdbc;
        this.clock = clock;
        this.nightly = nightly;
        this.onStart = onStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        boolean unevaluated = onStart && jdbc.sql("""
                select exists (select 1 from customer) and not exists (select 1 from loyalty_member)""")
                .query(Boolean.class).single();
        if (!unevaluated) {
            return;
        }
        BackgroundTask.start("loyalty-first-evaluation", () -> {
            LoyaltyEvaluation.Run run = evaluation.evaluateAll();
            log.info("Evaluated the loyalty programme: {} members in {} ms", run.evaluated(), run.took().toMillis());
        }, log, "The first loyalty evaluation failed; the nightly run will retry");
    }

    @ApplicationModuleListener
    void on(PolicyIssued event) {
        evaluation.evaluate(event.holderId());
    }

    @ApplicationModuleListener
    void on(PolicyRenewed event) {
        evaluation.evaluate(event.holderId());
    }

    @ApplicationModuleListener
    void on(PolicyStatusChanged event) {
        evaluation.evaluate(event.holderId());
    }

    @ApplicationModuleListener
    void on(LoyaltyRules.Changed event) {
        evaluation.evaluateAll();
    }

    @ApplicationModuleListener
    void on(InteractionRecorded event) {
        Activity activity = event.type() == InteractionType.SURVEY ? Activity.SURVEY
                : event.type() == InteractionType.EVENT_ATTENDANCE ? Activity.HOME_CLASS : null;
        if (activity == null || Tier.NONE == jdbc.sql("select tier from loyalty_member where customer_id = :c")
                .param("c", event.customerId()).query(String.class).optional().map(Tier::valueOf).orElse(Tier.NONE)) {
            return;
        }
        String requestId = "interaction-" + event.interactionId();
        if (!jdbc.sql("select exists (select 1 from loyalty_points_entry where request_id = :r)").param("r", requestId)
                .query(Boolean.class).single()) {
            points.earn(event.customerId(), activity, requestId, "system", null);
        }
    }

    @Scheduled(cron = "${crm.loyalty.cron:0 30 3 * * *}", zone = "${crm.time-zone:Asia/Shanghai}")
    void nightly() {
        if (nightly) {
            LocalDate today = LocalDate.now(clock);
            points.expire(today);
            evaluation.evaluateAll(today);
        }
    }
}
