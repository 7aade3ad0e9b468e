package io.insurecrm.segmentation;

/** A new version of a dimension's rules (dimension null: of the tag rules) became active; the book is recomputed after it. */
public record SegmentRulesChanged(Dimension dimension, int version, String by) {
}
