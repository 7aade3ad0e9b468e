package io.insurecrm.policy;

import java.time.LocalDate;

/**
 * A policy lapsed, was cancelled, expired or was reinstated. {@code on} is the day of the change (for an expiry the
 * day the nightly batch ran, the policy's end date having passed).
 */
public record PolicyStatusChanged(long policyId, long holderId, PolicyStatus from, PolicyStatus to, LocalDate on) {
}
