package io.insurecrm.loyalty;

/** What happens when a member no longer qualifies for his tier. */
public enum DowngradePolicy {
    /** down at the next evaluation */
    IMMEDIATE,
    /** kept until the next anniversary of the day the tier was reached, then down */
    KEEP_UNTIL_ANNIVERSARY
}
