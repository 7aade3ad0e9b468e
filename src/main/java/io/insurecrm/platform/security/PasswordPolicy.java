package io.insurecrm.platform.security;

import io.insurecrm.platform.web.FieldRuleViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The staff password policy, enforced wherever a password is set: 10 to 64 characters (bcrypt reads at most 72
 * bytes), at least three of lower case, upper case, digits and other characters, and not containing the username.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 64;

    private PasswordPolicy() {
    }

    /** The message keys of every rule the password breaks; empty when it is acceptable. */
    public static List<String> violations(String username, String password) {
        List<String> violations = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            violations.add("password.tooShort");
            if (password == null) {
                return violations;
            }
        }
        if (password.length() > MAX_LENGTH) {
            violations.add("password.tooLong");
        }
        int classes = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3) {
            violations.add("password.classes");
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT))) {
            violations.add("password.containsUsername");
        }
        return violations;
    }

    /** @throws FieldRuleViolation on the {@code password} field naming the first rule broken */
    public static void check(String username, String password) {
        List<String> violations = violations(username, password);
        if (!violations.isEmpty()) {
            throw new FieldRuleViolation("password", violations.get(0), MIN_LENGTH);
        }
    }
}
