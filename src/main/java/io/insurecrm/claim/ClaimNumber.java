package io.insurecrm.claim;

import java.util.Objects;
import java.util.regex.Pattern;

/** A claim number such as {@code CL20260000000042}: CL, the year of the report and a ten-digit sequence number. */
public record ClaimNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{1,4}[0-9A-Z-]{4,28}");

    public ClaimNumber {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a claim number: " + value);
        }
    }

    public static ClaimNumber of(int year, long sequence) {
        return new ClaimNumber("CL%04d%010d".formatted(year, sequence));
    }

    @Override
    public String toString() {
        return value;
    }
}
