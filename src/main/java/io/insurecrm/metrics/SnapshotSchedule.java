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
 * Refreshes the 客均合同 snapshots nightly, at {@code crm.metrics.snapshot-cron} in {@code crm.time-zone}, and once
 * in the background when the application is ready (so a freshly loaded book has its trend; the refresh only computes
 * missing months, so this is cheap on every later start). {@code crm.metrics.refresh-on-start=false} turns that off.
 */
@Component
class SnapshotSchedule {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSchedule.class);

    private final ContractsPerCustomerSnapshots snapshots;
    private final boolean refreshOnStart;

    SnapshotSchedule(ContractsPerCustomerSnapshots snapshots, @Value("${crm.metrics.refresh-on-start:true}") boolean refreshOnStart) {
        this.snapshots = snapshots;
        this.refreshOnStart = refreshOnStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (!refreshOnStart) {
            return;
        }
        BackgroundTask.start("contracts-per-customer-snapshots", snapshots::refresh, log,
                "The start-up refresh of the 客均合同 snapshots failed; the nightly run will retry");
    }

    @Scheduled(cron = "${crm.metrics.snapshot-cron:0 30 2 * * *}", zone = "${crm.time-zone:Asia/Shanghai}")
    void nightly() {
        snapshots.refresh();
    }
}
