package io.insurecrm.claim;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A claim in a list. */
public record ClaimRow(long id, String claimNumber, long policyId, String policyNumber, long customerId,
                       LocalDate incidentDate, LocalDate reportedOn, LocalDate settledOn, BigDecimal amountClaimed,
                       BigDecimal amountPaid, ClaimStatus status) {
}
