package io.insurecrm.claim;

/** A claim moved on; {@code from} is null for a claim just reported. {@code customerId} is the claimant. */
public record ClaimStatusChanged(long claimId, long customerId, long policyId, ClaimStatus from, ClaimStatus to) {
}
