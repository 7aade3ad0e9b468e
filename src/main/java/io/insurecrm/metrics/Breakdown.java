package io.insurecrm.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The ways 客均合同 is broken down. Region and branch are the policyholder's (customer.region_code and
 * customer.branch_id); channel, agent, product line and layer are the policy's; household groups policyholders by
 * their household.
 */
public enum Breakdown {
    REGION("region"), BRANCH("branch"), CHANNEL("channel"), AGENT("agent"), PRODUCT_LINE("product-line"),
    LAYER("layer"), HOUSEHOLD("household");

    private final String parameter;

    Breakdown(String parameter) {
        this.parameter = parameter;
    }

    /** The value of the {@code by} request parameter. */
    public String parameter() {
        return parameter;
    }

    public static Optional<Breakdown> fromParameter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(by -> by.parameter.equals(wanted)).findFirst();
    }

    /** Every accepted value, for messages and the API documentation. */
    public static String parameters() {
        return String.join("|", Arrays.stream(values()).map(Breakdown::parameter).toList());
    }
}
