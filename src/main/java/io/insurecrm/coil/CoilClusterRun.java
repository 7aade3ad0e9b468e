package io.insurecrm.coil;

import java.time.Instant;
import java.util.Map;

/**
 * A need-cluster run of the CoIL book: RUNNING (phase, progress in percent), FINISHED, UNCHANGED (the book, seed and
 * settings were those of run {@code unchangedFrom}, whose clusters stay current: nothing was rewritten) or FAILED.
 * The latest FINISHED run is the current one, its id the clusters' version. {@code ruleVersion}: the version of the
 * CoIL cluster rules (weights and naming) the run used, the active one when it started.
 */
public record CoilClusterRun(long id, Status status, Phase phase, int progress, Integer requestedK, Integer k, long seed,
                             String reason, Integer customers, Double silhouette, Map<Integer, Double> kScores,
                             Long unchangedFrom, String startedBy, Instant startedAt, Instant finishedAt, String error,
                             Integer ruleVersion) {

    public enum Status { RUNNING, FINISHED, UNCHANGED, FAILED }

    /** FEATURES (read the book), FIT (k-means++), ASSIGN (every customer), PROFILE (names), DONE. */
    public enum Phase { FEATURES, FIT, ASSIGN, PROFILE, DONE }

    public boolean running() {
        return status == Status.RUNNING;
    }
}
