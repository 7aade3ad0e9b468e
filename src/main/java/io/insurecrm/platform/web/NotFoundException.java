package io.insurecrm.platform.web;

/**
 * A record that does not exist or that the signed-in staff member may not see — the two look the same from
 * outside, so guessing ids reveals nothing. Pages answer 404, the API a 404 problem.
 */
public class NotFoundException extends RuntimeException {

    private final String messageKey;
    private final Object id;

    protected NotFoundException(String messageKey, Object id) {
        super(messageKey + " " + id);
        this.messageKey = messageKey;
        this.id = id;
    }

    public static NotFoundException of(String messageKey, Object id) {
        return new NotFoundException(messageKey, id);
    }

    public String messageKey() {
        return messageKey;
    }

    public Object id() {
        return id;
    }
}
