package io.insurecrm.platform.personaldata;

import org.springframework.validation.BindingResult;

/** A command refused by its field rules: every field error, for a form to show and for a 400 problem naming them. */
public class InvalidFields extends RuntimeException {

    private final transient BindingResult result;

    public InvalidFields(BindingResult result) {
        super(result.getErrorCount() + " invalid field(s): " + result.getFieldErrors().stream()
                .map(error -> error.getField()).distinct().toList());
        this.result = result;
    }

    public BindingResult result() {
        return result;
    }
}
