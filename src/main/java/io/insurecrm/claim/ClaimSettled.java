package io.insurecrm.claim;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A claim was settled: paid ({@code amountPaid} set) or rejected ({@code amountPaid} null). */
public record ClaimSettled(long claimId, long customerId, long policyId, ClaimStatus outcome, BigDecimal amountPaid,
                           LocalDate settledOn) {
}
