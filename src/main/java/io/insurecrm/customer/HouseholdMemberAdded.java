package io.insurecrm.customer;

/** Someone joined a household — a signal for a coverage-gap review. */
public record HouseholdMemberAdded(long householdId, long customerId, Relationship relationship) {
}
