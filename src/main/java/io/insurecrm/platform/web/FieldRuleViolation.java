package io.insurecrm.platform.web;

/**
 * A business rule broken by one field of a command, e.g. an unknown product or an end date before the start.
 * Pages turn it into a field error on the form, the API into a problem naming the field.
 */
public class FieldRuleViolation extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final transient Object[] arguments;

    public FieldRuleViolation(String field, String messageKey, Object... arguments) {
        super(field + ": " + messageKey);
        this.field = field;
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments;
    }

    /** Puts this violation on a form's binding result. */
    public void rejectOn(org.springframework.validation.BindingResult result) {
        result.rejectValue(field, messageKey, arguments, messageKey);
    }
}
