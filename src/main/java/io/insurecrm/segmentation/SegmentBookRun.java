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
 * <p>
 * {@code dimension} (V87) is null for a whole-book run; for a rule-change run ({@link SegmentBookRuns#runRuleChange}) it
 * names the dimension whose rules changed (VALUE … DYNAMIC) or TAGS for the tag rules. Such a run is one transaction, one
 * chunk of the whole book: its progress is its step of {@link #stepNames()}, not chunks, and it commits all or nothing.
 */
public record SegmentBookRun(long id, String startedBy, String reason, Instant startedAt, State state, LocalDate day,
                             int chunkSize, int chunksDone, long customersDone, long customersTotal, Long lastCustomerId,
                             String step, int stepNo, int steps, long chunkCustomers, Instant finishedAt,
                             SegmentRecompute.Run result, String failure, int resumes, String resumedBy, Instant resumedAt,
                             String dimension) {

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

    /** A rule-change run (of one dimension, or of the tag rules), not a whole-book run. */
    @com.fasterxml.jackson.annotation.JsonProperty
    public boolean ruleChange() {
        return dimension != null;
    }

    /** The names of the steps this run goes through, in order: a rule-change run's or a whole-book chunk's. */
    @com.fasterxml.jackson.annotation.JsonProperty
    public java.util.List<String> stepNames() {
        return dimension == null ? SegmentRecompute.STEPS
                : SegmentRecompute.ruleChangeSteps(dimension.equals("TAGS") ? null : Dimension.valueOf(dimension));
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
