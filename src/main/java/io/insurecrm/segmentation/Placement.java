package io.insurecrm.segmentation;

import java.time.LocalDate;

/** A customer's segment in a dimension on [validFrom, validTo) (validTo null = current), why, and by which rule version. */
public record Placement(long customerId, Dimension dimension, String segment, String reason, int ruleVersion,
                        LocalDate validFrom, LocalDate validTo) {
}
