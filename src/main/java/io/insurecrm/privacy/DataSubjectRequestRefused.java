package io.insurecrm.privacy;

/**
 * A data-subject request step that the rules do not allow now (an erasure while a contract is in force, a
 * transition from a closed request, a rejection without reason). Nothing was changed. Pages and the API show the
 * localised reason ({@link #messageKey()} in the rights bundle) with a 409.
 */
public class DataSubjectRequestRefused extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    DataSubjectRequestRefused(String messageKey, Object... arguments) {
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
