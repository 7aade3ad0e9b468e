package io.insurecrm.loyalty;

import java.math.BigDecimal;

/**
 * The conditions of one tier, any of which is enough (满足其一即可): at least {@code minYears} insured years, an
 * annual home premium strictly above {@code premiumAbove}, or at least {@code minPoints} points earned in the last
 * twelve months. A null condition is not used.
 */
public record TierCondition(Tier tier, Integer minYears, BigDecimal premiumAbove, Integer minPoints) {
}
