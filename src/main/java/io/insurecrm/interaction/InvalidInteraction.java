package io.insurecrm.interaction;

/** An interaction rule broken by one field; {@link InteractionLog} reports it on that field of the form. */
class InvalidInteraction extends IllegalArgumentException {

    private final String field;
    private final String messageKey;

    InvalidInteraction(String field, String messageKey) {
        super(field + ": " + messageKey);
        this.field = field;
        this.messageKey = messageKey;
    }

    String field() {
        return field;
    }

    String messageKey() {
        return messageKey;
    }
}
