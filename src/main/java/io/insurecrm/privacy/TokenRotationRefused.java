package io.insurecrm.privacy;

/**
 * A token that cannot be rotated: already revoked, expired, or rotated before (its revocation is scheduled). Nothing
 * was changed. Pages and the API show the localised reason ({@link #messageKey()} in the rights bundle) with a 409.
 */
public class TokenRotationRefused extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    TokenRotationRefused(String messageKey, Object... arguments) {
        super(messageKey + " " + java.util.Arrays.toString(arguments));
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
