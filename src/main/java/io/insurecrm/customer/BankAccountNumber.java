package io.insurecrm.customer;

/**
 * The number of the bank account a customer pays premiums from: 12–19 digits (Chinese debit and credit cards have
 * 16–19, passbook and corporate accounts fewer). Blanks and hyphens typed between groups are dropped. The Luhn check
 * is reported ({@link #passesLuhn()}) but never refused: many cards pass it, but not every account number does.
 */
public record BankAccountNumber(String value) {

    public BankAccountNumber {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a bank account number has 12 to 19 digits");
        }
    }

    /** The number as typed without its blanks and hyphens, or null for a blank text. */
    public static String compact(String text) {
        if (text == null) {
            return null;
        }
        String compact = text.replaceAll("[\\s\\-\\u3000]", "");
        return compact.isEmpty() ? null : compact;
    }

    public static boolean isValid(String compact) {
        return compact != null && compact.matches("\\d{12,19}");
    }

    /** A typed number, or null when it is blank. */
    public static BankAccountNumber parse(String text) {
        String compact = compact(text);
        return compact == null ? null : new BankAccountNumber(compact);
    }

    /** What screens show: the first 4 and last 4 digits, the length hidden ({@code 6222 **** **** 1234}). */
    public String masked() {
        return mask(value);
    }

    public static String mask(String digits) {
        return digits.substring(0, 4) + " **** **** " + digits.substring(digits.length() - 4);
    }

    /** Whether the last digit is the Luhn check digit of the others (most bank cards; not a rule for accounts). */
    public boolean passesLuhn() {
        int sum = 0;
        boolean doubled = false;
        for (int i = value.length() - 1; i >= 0; i--) {
            int digit = value.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    @Override
    public String toString() {
        return masked();
    }
}
