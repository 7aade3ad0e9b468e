package io.insurecrm.metrics;

import io.insurecrm.platform.BackgroundTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the analysts' stored list nightly, at {@code crm.analytics.rebuild-cron} in {@code crm.time-zone}, and once
 * in the background when the application is ready if there is none yet (or it was built under another k or pseudonym
 * key); {@code crm.analytics.rebuild-on-start=false} turns that off. Rebuilds a stopped application left RUNNING are
 * marked FAILED first.
 */
@Component
class AnalystModelSchedule {

    private static final Logger log = LoggerFactory.getLogger(AnalystModelSchedule.class);

    private final AnalystModel model;
    private final boolean rebuildOnStart;

    AnalystModelSchedule(AnalystModel model, @Value("${crm.analytics.rebuild-on-start:true}") boolean rebuildOnStart) {
        this.model = model;
        this.rebuildOnStart = rebuildOnStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        int interrupted = model.failInterruptedBuilds();
        if (interrupted > 0) {
            log.warn("{} analyst list rebuild(s) interrupted by a stop marked FAILED", interrupted);
        }
        if (rebuildOnStart && model.stale()) {
            BackgroundTask.start("analyst-list-rebuild", () -> model.rebuildNow(ModelBuild.Trigger.STARTUP, null, "system"),
                    log, "The start-up rebuild of the analysts' list failed; the nightly run will retry");
        }
    }

    @Scheduled(cron = "${crm.analytics.rebuild-cron:0 15 3 * * *}", zone = "${crm.time-zone:Asia/Shanghai}")
    void nightly() {
        try {
            model.rebuildNow(ModelBuild.Trigger.NIGHTLY, null, "system");
        } catch (AnalystModelBuildInProgress e) {
            log.info("nightly analyst list rebuild skipped: rebuild {} is running", e.runningId());
        }
    }
}
