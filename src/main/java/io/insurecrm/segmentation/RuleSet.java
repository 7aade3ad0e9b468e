package io.insurecrm.segmentation;

import java.time.Instant;
import java.util.List;

/** A stored rule set: VALUE rules carry their bands; LIFE_STAGE rules their age thresholds. */
public record RuleSet(long id, Dimension dimension, int version, Instant createdAt, String createdBy, boolean active,
                      List<ValueBand> bands, LifeStageThresholds thresholds) {

    /** The LIFE_STAGE cut points: young under, senior from, small child under (years). */
    public record LifeStageThresholds(int youngUnder, int seniorFrom, int smallChildUnder) {
    }
}
