package io.insurecrm.policy;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A new policy (a first term, not a renewal) was issued. */
public record PolicyIssued(long policyId, String policyNumber, long holderId, long insuredId, long productId,
                           BigDecimal annualPremium, LocalDate startDate, LocalDate endDate, SalesChannel channel,
                           long agentId) {
}
