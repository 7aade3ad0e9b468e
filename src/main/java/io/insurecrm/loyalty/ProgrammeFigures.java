package io.insurecrm.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The programme dashboard's figures in the caller's scope (docs/loyalty.md defines each). */
public record ProgrammeFigures(LocalDate asOf, List<TierCount> tiers, List<BenefitUsage> benefits,
                               List<TierRate> renewal, List<TierSatisfaction> satisfaction, BigDecimal lowUsageBelow) {

    /** Members per tier in force (NONE = former members). */
    public record TierCount(Tier tier, long members) {
    }

    /**
     * One benefit this calendar year: members whose tier is entitled to it, those who used it at least once, the rate
     * (null without entitled members) and whether it is flagged for replacement (rate below the threshold).
     */
    public record BenefitUsage(Benefit benefit, long entitled, long users, long uses, BigDecimal rate, boolean lowUsage) {
    }

    /**
     * Home policies of members that ended in the last twelve months and how many were renewed, by the tier held when
     * they came up for renewal; {@code byCurrentTier} of them ended before the member's tier history begins and count
     * under his current tier.
     */
    public record TierRate(Tier tier, long ended, long renewed, BigDecimal rate, long byCurrentTier) {
    }

    /** Survey answers of members of a tier in the last twelve months: count, mean score (0–10) and NPS (% promoters − % detractors). */
    public record TierSatisfaction(Tier tier, long answers, BigDecimal meanScore, BigDecimal nps) {
    }
}
