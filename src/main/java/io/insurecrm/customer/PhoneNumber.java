package io.insurecrm.customer;

import java.util.regex.Pattern;

/** A mainland mobile number (11 digits starting 13–19) or a landline with area code (e.g. 010-12345678). */
public record PhoneNumber(String value) {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-\\d{7,8}");

    public PhoneNumber {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a phone number is an 11-digit mobile number or a landline such as 010-12345678");
        }
    }

    public static boolean isValid(String value) {
        return value != null && (MOBILE.matcher(value).matches() || LANDLINE.matcher(value).matches());
    }

    public String masked() {
        return value.length() == 11 ? value.substring(0, 3) + "****" + value.substring(7) : value.replaceAll("\\d(?=\\d{4})", "*");
    }
}
