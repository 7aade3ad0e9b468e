package io.insurecrm.policy;

import io.insurecrm.platform.web.IllegalStateTransitionException;

/** A policy refused a change of state, with the reason in words (the API answers 409 with it). */
public class PolicyTransitionRefused extends IllegalStateTransitionException {

    private final String reason;

    PolicyTransitionRefused(String policyNumber, PolicyStatus from, PolicyStatus to, String reason) {
        super("Policy " + policyNumber, from, to);
        this.reason = reason;
    }

    static PolicyTransitionRefused notAllowed(String policyNumber, PolicyStatus from, PolicyStatus to) {
        return new PolicyTransitionRefused(policyNumber, from, to, null);
    }

    @Override
    public String getMessage() {
        return reason == null ? super.getMessage() : super.getMessage() + ": " + reason;
    }
}
