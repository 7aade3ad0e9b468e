package io.insurecrm.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/** A policy in a list: one of a customer's policies, or one term of a renewal chain. */
public record PolicyRow(long id, String policyNumber, long holderId, long insuredId, long productId,
                        String productNameZh, String productNameEn, PolicyStatus status, LocalDate startDate,
                        LocalDate endDate, BigDecimal annualPremium, BigDecimal sumInsured, Long renewsPolicyId) {

    public String productName(Locale locale) {
        return "en".equals(locale.getLanguage()) ? productNameEn : productNameZh;
    }
}
