package io.insurecrm.claim.web;

import io.insurecrm.claim.Claim;
import io.insurecrm.claim.ClaimStatus;
import io.insurecrm.policy.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A claim as the API shows it, with its history; amounts in CNY. */
record ClaimResource(long id, String claimNumber, long policyId, long customerId, LocalDate incidentDate,
                     LocalDate reportedOn, LocalDate settledOn, BigDecimal amountClaimed, BigDecimal amountPaid,
                     ClaimStatus status, String description, List<Step> history) {

    record Step(ClaimStatus status, Instant changedAt, String note) {
    }

    static ClaimResource of(Claim c) {
        return new ClaimResource(c.getId(), c.getClaimNumber().value(), c.getPolicyId(), c.getCustomerId(),
                c.getIncidentDate(), c.getReportedOn(), c.getSettledOn(), c.getAmountClaimed().amount(),
                c.getAmountPaid().map(Money::amount).orElse(null), c.getStatus(), c.getDescription(),
                c.getHistory().stream().map(s -> new Step(s.status(), s.changedAt(), s.note())).toList());
    }
}
