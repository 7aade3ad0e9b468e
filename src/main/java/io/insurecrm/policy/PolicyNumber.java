package io.insurecrm.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/** A policy number such as {@code PL2026000000123}: PL, the year of issue and a ten-digit sequence number. */
public record PolicyNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{1,4}[0-9A-Z-]{4,28}");

    public PolicyNumber {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a policy number: " + value);
        }
    }

    public static PolicyNumber of(int year, long sequence) {
        return new PolicyNumber("PL%04d%010d".formatted(year, sequence));
    }

    @Override
    public String toString() {
        return value;
    }
}
