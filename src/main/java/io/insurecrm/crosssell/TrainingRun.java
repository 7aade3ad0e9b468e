package io.insurecrm.crosssell;

import java.time.Instant;

/** A training run: one model per product line, then the book scored. {@code stepsDone} of {@code stepsTotal}. */
public record TrainingRun(long id, String status, String requestedBy, Instant startedAt, Instant finishedAt,
                          int stepsTotal, int stepsDone, String step, Integer modelVersion, String message) {

    public int percent() {
        return stepsTotal == 0 ? 0 : Math.min(100, stepsDone * 100 / stepsTotal);
    }

    public boolean running() {
        return "RUNNING".equals(status);
    }
}
