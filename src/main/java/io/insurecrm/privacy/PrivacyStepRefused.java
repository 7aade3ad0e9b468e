package io.insurecrm.privacy;

/**
 * A step of the privacy module that its rules do not allow now. Nothing was changed. Pages and the API show the
 * localised reason ({@link #messageKey()} with {@link #arguments()}, in the rights bundle) with a 409.
 */
public abstract class PrivacyStepRefused extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    PrivacyStepRefused(String messageKey, Object... arguments) {
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
