package io.insurecrm.customerview;

import java.time.LocalDate;
import java.util.List;

/**
 * One of the customer's current tags (read from the segmentation module's customer_tag table): the tag dimension
 * (RISK, VALUE, NEED), the tag, its source — RULE with a reason key and arguments, or MANUAL with a note — who set it
 * and since when.
 */
public record TagLine(long id, String dimension, String tag, String source, String reasonKey, List<String> reasonArgs,
                      String note, String createdBy, LocalDate since) {

    public boolean manual() {
        return "MANUAL".equals(source);
    }

    /** The reason's message arguments, for {@code #messages.msgWithParams}. */
    public Object[] reasonArguments() {
        return reasonArgs == null ? new Object[0] : reasonArgs.toArray();
    }
}
