package io.insurecrm.policy.web;

import io.insurecrm.policy.PaymentFrequency;
import io.insurecrm.policy.Policy;
import io.insurecrm.policy.PolicyStatus;
import io.insurecrm.policy.SalesChannel;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A policy as the API shows it; amounts in CNY. */
record PolicyResource(long id, String policyNumber, long holderId, long insuredId, long productId, BigDecimal premium,
                      PaymentFrequency paymentFrequency, BigDecimal annualPremium, BigDecimal sumInsured,
                      LocalDate startDate, LocalDate endDate, PolicyStatus status, LocalDate terminatedOn,
                      Long renewsPolicyId, SalesChannel channel, long agentId, long branchId) {

    static PolicyResource of(Policy p) {
        return new PolicyResource(p.getId(), p.getPolicyNumber().value(), p.getHolderId(), p.getInsuredId(),
                p.getProductId(), p.getPremium().amount(), p.getPaymentFrequency(), p.getAnnualPremium().amount(),
                p.getSumInsured().amount(), p.getStartDate(), p.getEndDate(), p.getStatus(), p.getTerminatedOn(),
                p.getRenewsPolicyId(), p.getChannel(), p.getAgentId(), p.getBranchId());
    }
}
