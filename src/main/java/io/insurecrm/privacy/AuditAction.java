package io.insurecrm.privacy;

/** What an audited access did. Stored by name; new actions need no migration. */
public enum AuditAction {
    /** The Customer 360 page was shown. */
    VIEW_CUSTOMER,
    /** The Customer 360 read model was read through the API. */
    VIEW_CUSTOMER_API,
    /** Personal data or figures were exported (CSV). */
    EXPORT,
    /** A search of the audit trail was exported. */
    AUDIT_EXPORT,
    /** A masked sensitive field was revealed in the clear. */
    REVEAL,
    IMPORT,
    MERGE,
    RULE_CHANGE,
    CONSENT_CHANGE,
    /** An action was refused for want of consent; the reason names the purpose. */
    CONSENT_REFUSED,
    LOGIN_FAILED,
    LOGIN_LOCKED,
    /** The chain was verified (by a person through the API). */
    AUDIT_VERIFY,
    /** A data-subject request was received, verified, completed or rejected. */
    DSR_REQUEST,
    /** A copy of one customer's personal data was produced for him (PIPL art. 45). */
    DSR_EXPORT,
    /** A customer's personal fields were anonymised on his request (PIPL art. 47). */
    ERASURE,
    /** A customer's personal fields were corrected on his request (PIPL art. 46): the fields and before/after, masked. */
    CORRECTION,
    /** A list, search or export showed these customers (their ids in the reason and in audit_listing). */
    LIST_CUSTOMERS,
    /** An API token was created. */
    TOKEN_CREATED,
    /** An API token was revoked. */
    TOKEN_REVOKED,
    /** A request was authenticated with an API token. */
    TOKEN_USED,
    /** A bearer token was refused: unknown, expired, revoked, or outside its scopes. */
    TOKEN_REFUSED,
    /** A re-encryption of every encrypted value to the active key was started (key rotation). */
    KEY_ROTATION,
    /** A staff account was opened, enabled or disabled, or its password reset by an administrator or changed by its owner. */
    STAFF_ACCOUNT
}
