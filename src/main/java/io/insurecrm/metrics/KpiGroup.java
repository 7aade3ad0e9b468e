package io.insurecrm.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a key figure is broken down: the customer's region, branch or segment of a dimension on the period's last day
 * (read from the segmentation module's placement history), the policy's channel or product line, or the month of the
 * event; TOTAL = one figure.
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
