package io.insurecrm.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the expiry batch every night ({@code crm.policy.expiry-cron}, 00:30 by default). */
@Component
class PolicyExpiry {

    private static final Logger log = LoggerFactory.getLogger(PolicyExpiry.class);
    private final PolicyManagement policies;

    PolicyExpiry(PolicyManagement policies) {
        this.policies = policies;
    }

    @Scheduled(cron = "${crm.policy.expiry-cron:0 30 0 * * *}", zone = "${crm.time-zone:Asia/Shanghai}")
    void expireDue() {
        log.info("Expired {} policies past their end date", policies.expireDue());
    }
}
