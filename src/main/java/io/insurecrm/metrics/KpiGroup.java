package io.insurecrm.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a key figure is broken down: the customer's region, branch or current VALUE segment (read from the segmentation
 * module's placements), the policy's channel or product line, or the month of the event; TOTAL = one figure.
 */
public enum KpiGroup {
    TOTAL, SEGMENT, REGION, BRANCH, CHANNEL, PRODUCT_LINE, PERIOD;

    public String parameter() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<KpiGroup> fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(TOTAL);
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(g -> g.parameter().equals(wanted)).findFirst();
    }
}
