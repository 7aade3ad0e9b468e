package io.insurecrm.segmentation;

import java.time.Instant;
import java.util.Map;

/**
 * A need-cluster run: RUNNING (with its phase and progress in percent), FINISHED or FAILED (with the error). The
 * latest FINISHED run is the current one. {@code requestedK} null = k chosen by the silhouette criterion, whose score
 * per k tried is in {@code kScores}. {@code trigger}: asked for by {@code startedBy} (REQUEST) or started by the
 * schedule (SCHEDULE, started by system). {@code ruleVersion}: the version of the naming rule the run names its
 * clusters by (the active one when it started; null for a run that failed before this was recorded).
 */
public record ClusterRun(long id, Status status, Phase phase, int progress, Integer requestedK, Integer k, long seed,
                         int sampleSize, Integer sampled, Integer customers, Double silhouette, Map<Integer, Double> kScores,
                         String startedBy, Instant startedAt, Instant finishedAt, String error, Trigger trigger,
                         Integer ruleVersion) {

    public enum Status { RUNNING, FINISHED, FAILED }

    /** FEATURES (the book's feature table), FIT (sample and k-means++), ASSIGN (every customer), PROFILE, DONE. */
    public enum Phase { FEATURES, FIT, ASSIGN, PROFILE, DONE }

    /** What started a run: a user (REQUEST) or {@code crm.segmentation.clusters.schedule} (SCHEDULE). */
    public enum Trigger { REQUEST, SCHEDULE }

    public boolean running() {
        return status == Status.RUNNING;
    }

    /** Started by the schedule rather than asked for. */
    public boolean scheduled() {
        return trigger == Trigger.SCHEDULE;
    }
}
