package io.insurecrm.segmentation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A whole-book run as recorded in segment_book_run (V48): who asked for it and why, where it stands — RUNNING at one
 * of the {@code steps} steps of a chunk (the step's name, e.g. VALUE or tags), COMPLETED, FAILED with the reason, or
 * INTERRUPTED (left RUNNING by an instance that stopped: nobody holds its owner lock) — and its checkpoint: every
 * customer with an id up to {@code lastCustomerId} is placed by it ({@code chunksDone} chunks of {@code chunkSize}).
 * A FAILED or INTERRUPTED run is resumed after its checkpoint; the customers after it keep their previous placements
 * until then. {@code result} holds what the committed chunks wrote so far (all of it once COMPLETED).
 */
public record SegmentBookRun(long id, String startedBy, String reason, Instant startedAt, State state, LocalDate day,
                             int chunkSize, int chunksDone, long customersDone, long customersTotal, Long lastCustomerId,
                             String step, int stepNo, int steps, long chunkCustomers, Instant finishedAt,
                             SegmentRecompute.Run result, String failure, int resumes, String resumedBy, Instant resumedAt) {

    /** Where a run stands. */
    public enum State {
        RUNNING, COMPLETED, FAILED, INTERRUPTED
    }

    @com.fasterxml.jackson.annotation.JsonProperty
    public boolean running() {
        return state == State.RUNNING;
    }

    /** A FAILED or INTERRUPTED run: resuming it continues after its last committed chunk. */
    @com.fasterxml.jackson.annotation.JsonProperty
    public boolean resumable() {
        return state == State.FAILED || state == State.INTERRUPTED;
    }

    /** Percent of the book's customers placed, counting the chunk under way by its steps (at most 99 until COMPLETED). */
    @com.fasterxml.jackson.annotation.JsonProperty
    public int progressPercent() {
        if (state == State.COMPLETED) {
            return 100;
        }
        double inChunk = running() && steps > 0 ? (double) chunkCustomers * stepNo / steps : 0;
        return customersTotal <= 0 ? 0 : (int) Math.min(99, (customersDone + inChunk) * 100 / customersTotal);
    }

    /** The time it has run, over all its attempts. */
    public Duration took() {
        return result == null ? Duration.ZERO : result.took();
    }
}
