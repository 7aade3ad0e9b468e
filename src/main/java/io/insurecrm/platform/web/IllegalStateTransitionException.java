package io.insurecrm.platform.web;

/** An aggregate refused a state change its state machine does not allow. */
public class IllegalStateTransitionException extends RuntimeException {

    public IllegalStateTransitionException(String what, Enum<?> from, Enum<?> to) {
        super(what + " cannot go from " + from + " to " + to);
    }
}
