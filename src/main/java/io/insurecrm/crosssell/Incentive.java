package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A cross-sell incentive (domain.md §4) for the customers of one VALUE tier (the segmentation module's current VALUE
 * placement): a discount on the second contract, in percent of its first-year premium, or loyalty points (e.g. for a
 * health check), offered with a recommendation of {@code line} ({@code null} = any line not covered by a more
 * specific incentive of the tier). Checked as a set by {@link IncentiveCheck}.
 */
public record Incentive(String code, String tier, ProductLine line, Kind kind, BigDecimal discountPercent, Integer points,
                        String descriptionZh, String descriptionEn) {

    public enum Kind {
        /** A discount, in percent, on the first-year premium of the second contract. */
        SECOND_CONTRACT_DISCOUNT,
        /** Loyalty points, e.g. for a health check. */
        POINTS
    }

    /** The description in the language of the locale (Chinese unless English). */
    public String description(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? descriptionEn : descriptionZh;
    }
}
