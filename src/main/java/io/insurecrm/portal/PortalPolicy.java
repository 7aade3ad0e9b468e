package io.insurecrm.portal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One of the customer's policies as the portal shows it: one he holds (also those insuring his family) or one that
 * insures him. {@code renewable} says whether the one-tap renewal is open today; {@code renewedById} names the next term.
 */
public record PortalPolicy(long id, String policyNumber, String productNameZh, String productNameEn, String line,
                           String status, LocalDate startDate, LocalDate endDate, BigDecimal premium,
                           String paymentFrequency, BigDecimal annualPremium, BigDecimal sumInsured, long holderId,
                           String holderName, long insuredId, String insuredName, Long renewedById, boolean holder,
                           boolean renewable) {

    public String productName(Locale locale) {
        return "en".equals(locale.getLanguage()) ? productNameEn : productNameZh;
    }

    /** Insures someone other than the signed-in holder: a household member's policy. */
    public boolean forFamilyMember() {
        return holder && holderId != insuredId;
    }
}
