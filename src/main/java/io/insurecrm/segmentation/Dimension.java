package io.insurecrm.segmentation;

/** A dimension in which every customer has exactly one current segment. */
public enum Dimension {
    /** By annual premium of the active policies he holds: HIGH, MIDDLE, POTENTIAL (the cut points are the rule set). */
    VALUE,
    /** From age, marital status and household: YOUNG_SINGLE, NEW_FAMILY, SUPPORTING, ESTABLISHED, SENIOR, CORPORATE. */
    LIFE_STAGE
}
