package io.insurecrm.policy;

/** Where a policy term stands. Only LAPSED and CANCELLED carry a termination date; EXPIRED ends on the end date. */
public enum PolicyStatus {
    ACTIVE, LAPSED, EXPIRED, CANCELLED;

    public boolean isTerminated() {
        return this == LAPSED || this == CANCELLED;
    }
}
