package io.insurecrm.portal;

/** A portal request refused for a reason the customer is told (message key and arguments); nothing was written. */
public class PortalRefused extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    public PortalRefused(String messageKey, Object... arguments) {
        super(messageKey);
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments;
    }
}
