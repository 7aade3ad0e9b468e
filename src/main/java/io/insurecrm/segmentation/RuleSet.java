package io.insurecrm.segmentation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored rule set: VALUE rules carry their bands; LIFE_STAGE rules their age thresholds; every rule set its rules as
 * stored ({@code rules}, the JSON object as maps, lists, numbers and strings), and why it was saved ({@code reason};
 * null for the versions saved before reasons were asked for, V113).
 */
public record RuleSet(long id, Dimension dimension, int version, Instant createdAt, String createdBy, boolean active,
                      List<ValueBand> bands, LifeStageThresholds thresholds,
                      Map<String, Object> rules, String reason) {

    /** The LIFE_STAGE cut points: young under, senior from, small child under (years). */
    public record LifeStageThresholds(int youngUnder, int seniorFrom, int smallChildUnder) {
    }
}
