package io.insurecrm.segmentation;

import java.time.Instant;
import java.util.List;

/**
 * A current tag of a customer in a tag dimension (RISK, VALUE, NEED): from a tag rule (source RULE, with a reason key
 * and arguments) or set by hand (source MANUAL, with who set it and the note he gave).
 */
public record CustomerTag(long id, long customerId, String dimension, String tag, String source, String reasonKey,
                          List<String> reasonArgs, String note, String createdBy, Instant createdAt) {

    public CustomerTag {
        reasonArgs = reasonArgs == null ? List.of() : List.copyOf(reasonArgs);
    }
}
