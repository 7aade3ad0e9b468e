package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;

/**
 * A coverage gap found by a rule for a person, with the line it suggests and the explanation in both languages
 * (placeholders filled in); {@code cover} and {@code need} are set for a cover-below-need rule.
 */
public record Gap(Long customerId, String personName, String ruleCode, ProductLine suggestLine, BigDecimal cover,
                  BigDecimal need, String explanationZh, String explanationEn) {

    public String explanation(String language) {
        return "en".equals(language) ? explanationEn : explanationZh;
    }
}
