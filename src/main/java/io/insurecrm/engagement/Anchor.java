package io.insurecrm.engagement;

/**
 * What a trigger is relative to, with its kind and the offsets (days) that make sense for it. TIER_CHANGED fires on
 * the loyalty module's upgrade event.
 */
public enum Anchor {
    BIRTHDAY(TriggerKind.DATE, -180, 180, 0, 0),
    POLICY_EXPIRY(TriggerKind.DATE, -365, 90, 0, 0),
    POLICY_ANNIVERSARY(TriggerKind.DATE, -180, 180, 0, 0),
    ANNUAL_REVIEW(TriggerKind.DATE, -180, 180, 0, 0),
    CLAIM_STATUS_CHANGED(TriggerKind.EVENT, 0, 0, 0, 0),
    CLAIM_SETTLED(TriggerKind.EVENT, 0, 0, 0, 0),
    HOUSEHOLD_MEMBER_ADDED(TriggerKind.EVENT, 0, 0, 0, 0),
    TIER_CHANGED(TriggerKind.EVENT, 0, 0, 0, 0),
    /** The policy module's PolicyRenewed: once per new term (e.g. the NPS survey after a renewal). */
    POLICY_RENEWED(TriggerKind.EVENT, 0, 0, 0, 0),
    /** parameter: percent of the customer's own earlier quarterly average at or below which consultations count as dropping. */
    CONSULTATIONS_DROPPING(TriggerKind.SIGNAL, 0, 0, 1, 99),
    /** parameter: days after expiry within which the signal is raised. */
    NO_RENEWAL_AFTER_CLAIM(TriggerKind.SIGNAL, 0, 0, 1, 365),
    /** parameter: months without any interaction. */
    NO_CONTACT(TriggerKind.SIGNAL, 0, 0, 1, 36);

    private final TriggerKind kind;
    private final int minOffset;
    private final int maxOffset;
    private final int minParameter;
    private final int maxParameter;

    Anchor(TriggerKind kind, int minOffset, int maxOffset, int minParameter, int maxParameter) {
        this.kind = kind;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.minParameter = minParameter;
        this.maxParameter = maxParameter;
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

}
