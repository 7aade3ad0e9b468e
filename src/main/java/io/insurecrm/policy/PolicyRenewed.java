package io.insurecrm.policy;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A term was renewed: {@code policyId} is the new term, starting the day after {@code renewedPolicyId} ends. */
public record PolicyRenewed(long policyId, long renewedPolicyId, String policyNumber, long holderId, long productId,
                            BigDecimal annualPremium, LocalDate startDate, LocalDate endDate) {
}
