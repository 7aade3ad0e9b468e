package io.insurecrm.customer;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * An 18-character resident identity number (居民身份证号码, GB 11643-1999): six digits of region, eight of birth date,
 * three of sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
public record ChineseIdNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    public ChineseIdNumber {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        value = value.toUpperCase();
    }

    /** Why a text is not a valid ID number, or null when it is one. */
    public static String problemWith(String value) {
        if (value == null || value.length() != 18) {
            return "an ID number has 18 characters";
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return "the first 17 characters of an ID number are digits";
            }
        }
        try {
            LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException | NumberFormatException e) {
            return "characters 7–14 of an ID number are a birth date";
        }
        if (Character.toUpperCase(value.charAt(17)) != checkCharacter(value.substring(0, 17))) {
            return "the check character of the ID number does not match";
        }
        return null;
    }

    public static boolean isValid(String value) {
        return problemWith(value) == null;
    }

    /** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public String regionCode() {
        return value.substring(0, 2);
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    public Gender gender() {
        return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    /** 110***********1234 — the first three and last four characters. */
    public String masked() {
        return value.substring(0, 3) + "*".repeat(11) + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }
}
