package io.insurecrm.customer;

/**
 * The 18-character unified social credit code of an organisation (统一社会信用代码, GB 32100-2015), whose last
 * character is a check character over the first 17 in base 31.
 */
public record UnifiedSocialCreditCode(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public UnifiedSocialCreditCode {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a unified social credit code has 18 characters with a matching check character");
        }
    }

    public static boolean isValid(String value) {
        if (value == null || value.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return value.charAt(17) == checkCharacter(value.substring(0, 17));
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
