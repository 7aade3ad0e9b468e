package io.insurecrm.crosssell;

import java.math.BigDecimal;

/**
 * A catalogue product as the in-sale comparison shows it: catalogue fields and what the book says of it (active
 * policies, median annual premium and sum insured, median age of the insured, claims per 100 policies).
 */
public record ProductFacts(long id, String code, String nameZh, String nameEn, String line, String layer,
                           String category, int termMonths, boolean active, long activePolicies,
                           BigDecimal medianPremium, BigDecimal medianSumInsured, Integer medianInsuredAge,
                           BigDecimal claimsPer100) {

    public String name(String language) {
        return "en".equals(language) ? nameEn : nameZh;
    }
}
