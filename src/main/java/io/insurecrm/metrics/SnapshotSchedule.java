package io.insurecrm.metrics;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Refreshes the 客均合同 snapshots nightly, at {@code crm.metrics.snapshot-cron} in {@code crm.time-zone}. */
@Component
class SnapshotSchedule {

    private final ContractsPerCustomerSnapshots snapshots;

    SnapshotSchedule(ContractsPerCustomerSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Scheduled(cron = "${crm.metrics.snapshot-cron:0 30 2 * * *}", zone = "${crm.time-zone:Asia/Shanghai}")
    void nightly() {
        snapshots.refresh();
    }
}
