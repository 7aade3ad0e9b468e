package io.insurecrm.segmentation;

import java.time.Instant;

/**
 * A save refused because it was based on an older version than the active one: someone saved version
 * {@code activeVersion} after the analyst began from {@code basedOnVersion}. Nothing was saved.
 */
public class StaleSegmentRules extends RuntimeException {

    private final String set;
    private final int basedOnVersion;
    private final int activeVersion;
    private final String activeBy;
    private final Instant activeAt;

    StaleSegmentRules(String set, int basedOnVersion, int activeVersion, String activeBy, Instant activeAt) {
        super(set + " rules: based on version " + basedOnVersion + ", but version " + activeVersion + " is active");
        this.set = set;
        this.basedOnVersion = basedOnVersion;
        this.activeVersion = activeVersion;
        this.activeBy = activeBy;
        this.activeAt = activeAt;
    }

    /** The dimension's name, or TAGS. */
    public String set() {
        return set;
    }

    public int basedOnVersion() {
        return basedOnVersion;
    }

    public int activeVersion() {
        return activeVersion;
    }

    public String activeBy() {
        return activeBy;
    }

    public Instant activeAt() {
        return activeAt;
    }
}
