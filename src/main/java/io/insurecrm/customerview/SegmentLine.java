package io.insurecrm.customerview;

import java.time.LocalDate;

/**
 * One of the customer's current segments (read from the segmentation module's segment_placement table): the
 * dimension, the segment, why (a message key with arguments, or a text reason written before keys), by which rule
 * version, and since when.
 */
public record SegmentLine(String dimension, String segment, String reason, int ruleVersion, LocalDate since,
                          String reasonKey, java.util.List<String> reasonArgs) {

    /** The reason's message arguments (empty for a text reason), for {@code #messages.msgWithParams}. */
    public Object[] reasonArguments() {
        return reasonArgs == null ? new Object[0] : reasonArgs.toArray();
    }
}
