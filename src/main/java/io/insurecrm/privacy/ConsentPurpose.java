package io.insurecrm.privacy;

/** What a customer consents to his personal data being used for (PIPL: one consent per purpose). */
public enum ConsentPurpose {
    /** Servicing his contracts: contact about policies, claims and renewals, staff exports for that work. */
    SERVICE,
    /** Offers and campaigns. */
    MARKETING,
    /** Analysis of his data (segments, models, de-identified figures). */
    ANALYTICS,
    /** Processing of sensitive personal information (ID number in the clear, health, financial accounts): separate consent. */
    SENSITIVE_DATA
}
