package io.insurecrm.segmentation;

import io.insurecrm.customer.HouseholdMemberAdded;
import io.insurecrm.policy.PolicyIssued;
import io.insurecrm.policy.PolicyStatusChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When segments are recomputed: one customer when his premium (a policy issued to him or changing status) or his
 * household changes (every member of the household: a new child changes his parents' life stage), the whole book
 * after a rule change and nightly (ages move on by themselves) at {@code crm.segmentation.cron}.
 */
@Component
class SegmentTriggers {

    private final SegmentRecompute recompute;
    private final JdbcClient jdbc;
    private final boolean nightly;

    SegmentTriggers(SegmentRecompute recompute, JdbcClient jdbc,
                    @Value("${crm.segmentation.nightly:true}") boolean nightly) {
        this.recompute = recompute;
        this.jdbc = jdbc;
        this.nightly = nightly;
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

    @ApplicationModuleListener
    void on(SegmentRulesChanged event) {
        recompute.recomputeAll();
    }

    @Scheduled(cron = "${crm.segmentation.cron:0 0 3 * * *}", zone = "${crm.time-zone:Asia/Shanghai}")
    void nightly() {
        if (nightly) {
            recompute.recomputeAll();
        }
    }
}
