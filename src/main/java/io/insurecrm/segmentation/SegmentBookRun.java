package io.insurecrm.segmentation;

import java.time.Instant;

/**
 * A whole-book recompute asked for by staff (on demand) and where it stands: running at one of its {@code steps}
 * steps (the step's name, e.g. VALUE or tags), finished with its result, or failed with the reason (the previous
 * placements are then intact: the run is one transaction).
 */
public record SegmentBookRun(long id, String startedBy, String reason, Instant startedAt, String step, int stepNo,
                             int steps, Instant finishedAt, SegmentRecompute.Run result, String failure) {

    @com.fasterxml.jackson.annotation.JsonProperty
    public boolean running() {
        return finishedAt == null;
    }

    /** Percent of the steps started (a running run shows at most 99). */
    @com.fasterxml.jackson.annotation.JsonProperty
    public int progressPercent() {
        return running() ? Math.min(99, stepNo * 100 / steps) : 100;
    }

    SegmentBookRun at(String nextStep, int nextStepNo) {
        return new SegmentBookRun(id, startedBy, reason, startedAt, nextStep, nextStepNo, steps, null, null, null);
    }

    SegmentBookRun finished(Instant at, SegmentRecompute.Run run) {
        return new SegmentBookRun(id, startedBy, reason, startedAt, step, steps, steps, at, run, null);
    }

    SegmentBookRun failed(Instant at, String why) {
        return new SegmentBookRun(id, startedBy, reason, startedAt, step, stepNo, steps, at, null, why);
    }
}
