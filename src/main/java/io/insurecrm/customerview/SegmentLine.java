package io.insurecrm.customerview;

import java.time.LocalDate;

/**
 * One of the customer's current segments (read from the segmentation module's segment_placement table): the
 * dimension, the segment, why, by which rule version, and since when.
 */
public record SegmentLine(String dimension, String segment, String reason, int ruleVersion, LocalDate since) {
}
