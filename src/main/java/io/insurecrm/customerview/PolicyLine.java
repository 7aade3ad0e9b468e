package io.insurecrm.customerview;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One policy: product, line and layer, premium per year in CNY, sum insured, dates, status and the renewal chain
 * (the policy it renews and the one that renewed it). The insured's name is given only when he is not the
 * customer himself and the caller's data scope permits him.
 */
public record PolicyLine(long id, String policyNumber, long productId, String productNameZh, String productNameEn,
                         String line, CoverageLayer layer, BigDecimal annualPremium, BigDecimal sumInsured,
                         LocalDate startDate, LocalDate endDate, PolicyState status, LocalDate terminatedOn,
                         long holderId, long insuredId, String insuredName, PolicyRole role,
                         Long renewsPolicyId, String renewsPolicyNumber, Long renewedByPolicyId, String renewedByPolicyNumber) {

    public String productName(Locale locale) {
        return "en".equals(locale.getLanguage()) ? productNameEn : productNameZh;
    }

    public boolean renewal() {
        return renewsPolicyId != null;
    }

    public boolean renewed() {
        return renewedByPolicyId != null;
    }

    /** In force on the day: active, started and not yet ended. */
    public boolean inForce(LocalDate day) {
        return status == PolicyState.ACTIVE && !startDate.isAfter(day) && !endDate.isBefore(day);
    }
}
