package io.insurecrm.engagement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Launches scheduled campaigns when their time comes and marks running ones DONE once the outbox has nothing of theirs
 * left to send; on the dispatcher's switch (crm.engagement.dispatch, off in tests, which call {@link Campaigns}).
 */
@Component
class CampaignSchedule {

    private static final Logger log = LoggerFactory.getLogger(CampaignSchedule.class);

    private final Campaigns campaigns;
    private final EngagementSettings settings;

    CampaignSchedule(Campaigns campaigns, EngagementSettings settings) {
        this.campaigns = campaigns;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${crm.engagement.campaign-poll-millis:30000}", initialDelayString = "${crm.engagement.campaign-poll-millis:30000}")
    void poll() {
        if (!settings.dispatch()) {
            return;
        }
        try {
            int launched = campaigns.launchDue();
            int done = campaigns.completeFinished();
            if (launched + done > 0) {
                log.info("Campaigns: {} launched on schedule, {} done", launched, done);
            }
        } catch (RuntimeException e) {
            log.warn("Campaign schedule round failed; retried at the next round", e);
        }
    }
}
