package io.insurecrm.segmentation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A what-if preview run in the background ({@link SegmentPreviews}): of the proposed rules of a dimension
 * ({@code set} = VALUE, LIFE_STAGE, BEHAVIOUR, RISK or DYNAMIC; the migration matrix in {@code cells}) or of proposed
 * tag rules ({@code set} = TAGS; the tags gained and lost in {@code tags}). RUNNING for {@code elapsed} so far, DONE
 * with its result, or FAILED with the reason. {@code baseVersion} is the version of the active rules when it was asked
 * for; {@code rulesNow} says whether they are still active, or whether these proposed rules were saved (ACTIVATED) or
 * other rules (SUPERSEDED) since — then the matrix compares with placements the new rules are about to change.
 */
public record SegmentPreview(String id, String set, State state, String startedBy, Instant startedAt, Instant finishedAt,
                             Duration elapsed, int baseVersion, RulesNow rulesNow, int activeVersion,
                             List<MigrationCell> cells, List<TagPreview> tags, String failure) {

    /** Where a preview stands. */
    public enum State {
        RUNNING, DONE, FAILED
    }

    /** The active rules of the set now, against those the preview was asked under. */
    public enum RulesNow {
        /** Still the version active when the preview was asked for. */
        UNCHANGED,
        /** The proposed rules of this preview were saved and are active since. */
        ACTIVATED,
        /** Other rules were saved since: the preview compares with a version that is no longer active. */
        SUPERSEDED
    }

    public SegmentPreview {
        cells = cells == null ? null : List.copyOf(cells);
        tags = tags == null ? null : List.copyOf(tags);
    }

    @com.fasterxml.jackson.annotation.JsonProperty
    public boolean running() {
        return state == State.RUNNING;
    }

    /** Seconds run so far (RUNNING) or in all (DONE, FAILED). */
    @com.fasterxml.jackson.annotation.JsonProperty
    public long elapsedSeconds() {
        return elapsed.toSeconds();
    }
}
