package io.insurecrm.segmentation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * Need-cluster runs ({@code crm.segmentation.clusters.*}, docs/segmentation.md "Clusters"): the most customers the fit
 * reads, the fixed seed of the sample and of k-means++, the k-means++ restarts kept the best of, its iteration cap, the
 * range of k the silhouette criterion chooses from, and how many sample points the silhouette is measured on; when runs
 * start on their own ({@code schedule}, a Spring cron in {@code crm.time-zone}, {@value #DISABLED} for never) and with
 * which k ({@code scheduledK}; none: chosen by the silhouette criterion).
 */
@ConfigurationProperties("crm.segmentation.clusters")
public record ClusterSettings(@DefaultValue("50000") int sampleSize, @DefaultValue("20261202") long seed,
                              @DefaultValue("3") int trials, @DefaultValue("100") int maxIterations,
                              @DefaultValue("2") int autoKFrom, @DefaultValue("8") int autoKTo,
                              @DefaultValue("2000") int silhouetteSample,
                              @DefaultValue(DEFAULT_SCHEDULE) String schedule, Integer scheduledK) {

    public static final int MIN_K = 2;
    public static final int MAX_K = 12;
    /** Sundays at 04:00, after the nightly segment run of 03:00. */
    public static final String DEFAULT_SCHEDULE = "0 0 4 * * SUN";
    /** The schedule that never fires (Spring's {@code Scheduled.CRON_DISABLED}). */
    public static final String DISABLED = "-";

    public ClusterSettings {
        if (sampleSize < 100 || trials < 1 || maxIterations < 1 || silhouetteSample < 10
                || autoKFrom < MIN_K || autoKTo > MAX_K || autoKFrom > autoKTo) {
            throw new IllegalArgumentException("crm.segmentation.clusters: sample-size >= 100, trials >= 1, max-iterations >= 1, "
                    + "silhouette-sample >= 10, " + MIN_K + " <= auto-k-from <= auto-k-to <= " + MAX_K);
        }
        schedule = schedule == null ? "" : schedule.trim();
        if (!DISABLED.equals(schedule) && !CronExpression.isValidExpression(schedule)) {
            throw new IllegalArgumentException("crm.segmentation.clusters.schedule: a cron expression of six fields "
                    + "(second minute hour day month weekday) or " + DISABLED + " for none, not '" + schedule + "'");
        }
        if (scheduledK != null && (scheduledK < MIN_K || scheduledK > MAX_K)) {
            throw new IllegalArgumentException("crm.segmentation.clusters.scheduled-k: " + MIN_K + " to " + MAX_K
                    + " (or unset: chosen by the silhouette criterion), not " + scheduledK);
        }
    }

    /** Whether runs start on a schedule. */
    public boolean scheduled() {
        return !DISABLED.equals(schedule);
    }
}
