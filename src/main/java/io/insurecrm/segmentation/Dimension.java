package io.insurecrm.segmentation;

/** A dimension in which every customer has exactly one current segment. */
public enum Dimension {
    /** By annual premium of the active policies he holds: HIGH, MIDDLE, POTENTIAL (the cut points are the rule set). */
    VALUE,
    /** From age, marital status and household: YOUNG_SINGLE, NEW_FAMILY, SUPPORTING, ESTABLISHED, SENIOR, CORPORATE. */
    LIFE_STAGE,
    /** RFM (recency, frequency, monetary) scores mapped to ACTIVE, POTENTIAL, CHURNED by the rule set. */
    BEHAVIOUR,
    /** A risk score (industry, climate exposure, property claims, consented health claims) in RISK_LOW/MEDIUM/HIGH. */
    RISK,
    /** The dynamic layer from renewals, lapses and declining contact: CHURN_RISK, LOYAL, POTENTIAL. */
    DYNAMIC
}
