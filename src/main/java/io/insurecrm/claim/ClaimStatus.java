package io.insurecrm.claim;

/** Where a claim stands: REPORTED → ASSESSING → APPROVED → PAID, or REPORTED / ASSESSING → REJECTED. */
public enum ClaimStatus {
    REPORTED, ASSESSING, APPROVED, PAID, REJECTED;

    public boolean isSettled() {
        return this == PAID || this == REJECTED;
    }

    /** The steps of a claim that ends paid, in order, for showing progress. */
    public static java.util.List<ClaimStatus> pathToPayment() {
        return java.util.List.of(REPORTED, ASSESSING, APPROVED, PAID);
    }
}
