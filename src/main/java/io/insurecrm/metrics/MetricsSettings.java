package io.insurecrm.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the metrics module ({@code crm.metrics.*}).
 *
 * @param snapshotCron when the month-end snapshots are refreshed (Spring cron, in crm.time-zone; "-" turns it off)
 * @param snapshotMonths how many month ends the snapshots keep up to date, the running month included
 * @param trendMonths how many months the trend shows when no number is asked for
 * @param topHouseholds how many households the dashboard and the API list
 * @param snapshotWorkMem PostgreSQL work_mem for the snapshot batch's transaction (it sorts every live policy once)
 * @param snapshotDirectMonths up to this many month ends to compute, each is counted directly (one scan per day);
 *                             beyond, all in one pass with islands of cover (see ActiveOnDays)
 * @param cacheTtl how long computed figures are reused (per scope, breakdown and language); 0 computes every time
 */
@ConfigurationProperties("crm.metrics")
public record MetricsSettings(@DefaultValue("0 30 2 * * *") String snapshotCron,
                              @DefaultValue("120") int snapshotMonths,
                              @DefaultValue("36") int trendMonths,
                              @DefaultValue("20") int topHouseholds,
                              @DefaultValue("256MB") String snapshotWorkMem,
                              @DefaultValue("6") int snapshotDirectMonths,
                              @DefaultValue("5m") java.time.Duration cacheTtl) {

    public MetricsSettings {
        if (snapshotMonths < 1 || trendMonths < 1 || trendMonths > snapshotMonths || topHouseholds < 0) {
            throw new IllegalArgumentException("crm.metrics: need 1 <= trend-months <= snapshot-months and top-households >= 0");
        }
    }
}
