package io.insurecrm.engagement;

/**
 * What a trigger is relative to, with its kind and the offsets (days) that make sense for it. TIER_CHANGED waits
 * for the loyalty module's event and cannot be enabled yet.
 */
public enum Anchor {
    BIRTHDAY(TriggerKind.DATE, -180, 180, 0, 0, false),
    POLICY_EXPIRY(TriggerKind.DATE, -365, 90, 0, 0, false),
    POLICY_ANNIVERSARY(TriggerKind.DATE, -180, 180, 0, 0, false),
    ANNUAL_REVIEW(TriggerKind.DATE, -180, 180, 0, 0, false),
    CLAIM_STATUS_CHANGED(TriggerKind.EVENT, 0, 0, 0, 0, false),
    CLAIM_SETTLED(TriggerKind.EVENT, 0, 0, 0, 0, false),
    HOUSEHOLD_MEMBER_ADDED(TriggerKind.EVENT, 0, 0, 0, 0, false),
    TIER_CHANGED(TriggerKind.EVENT, 0, 0, 0, 0, true),
    /** parameter: percent of the customer's own earlier quarterly average at or below which consultations count as dropping. */
    CONSULTATIONS_DROPPING(TriggerKind.SIGNAL, 0, 0, 1, 99, false),
    /** parameter: days after expiry within which the signal is raised. */
    NO_RENEWAL_AFTER_CLAIM(TriggerKind.SIGNAL, 0, 0, 1, 365, false),
    /** parameter: months without any interaction. */
    NO_CONTACT(TriggerKind.SIGNAL, 0, 0, 1, 36, false);

    private final TriggerKind kind;
    private final int minOffset;
    private final int maxOffset;
    private final int minParameter;
    private final int maxParameter;
    private final boolean awaitingWiring;

    Anchor(TriggerKind kind, int minOffset, int maxOffset, int minParameter, int maxParameter, boolean awaitingWiring) {
        this.kind = kind;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.minParameter = minParameter;
        this.maxParameter = maxParameter;
        this.awaitingWiring = awaitingWiring;
    }

    public TriggerKind kind() {
        return kind;
    }

    public int minOffset() {
        return minOffset;
    }

    public int maxOffset() {
        return maxOffset;
    }

    public boolean takesParameter() {
        return maxParameter > 0;
    }

    public int minParameter() {
        return minParameter;
    }

    public int maxParameter() {
        return maxParameter;
    }

    public boolean awaitingWiring() {
        return awaitingWiring;
    }
}
