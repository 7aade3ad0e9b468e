package io.insurecrm.loyalty;

import io.insurecrm.platform.disclosure.SmallCellRule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The programme dashboard's figures in the caller's scope (docs/loyalty.md defines each). */
public record ProgrammeFigures(LocalDate asOf, List<TierCount> tiers, List<BenefitUsage> benefits,
                               List<TierRate> renewal, List<TierSatisfaction> satisfaction, BigDecimal lowUsageBelow) {

    /** Members per tier in force (NONE = former members); {@code suppressed} (members null) when withheld from an analyst. */
    public record TierCount(Tier tier, Long members, boolean suppressed) {

        public TierCount(Tier tier, long members) {
            this(tier, (Long) members, false);
        }
    }

    /**
     * One benefit this calendar year: members whose tier is entitled to it, those who used it at least once, the rate
     * (null without entitled members) and whether it is flagged for replacement (rate below the threshold). For an
     * analyst, {@code entitled} and the rate are null when a tier it adds up is withheld, users, uses and the rate when
     * fewer than k used it ({@code suppressed}).
     */
    public record BenefitUsage(Benefit benefit, Long entitled, Long users, Long uses, BigDecimal rate, boolean lowUsage,
                               boolean suppressed) {

        public BenefitUsage(Benefit benefit, long entitled, long users, long uses, BigDecimal rate, boolean lowUsage) {
            this(benefit, (Long) entitled, (Long) users, (Long) uses, rate, lowUsage, false);
        }
    }

    /**
     * Home policies of members that ended in the last twelve months and how many were renewed, by the tier held when
     * they came up for renewal; {@code byCurrentTier} of them ended before the member's tier history begins and count
     * under his current tier. {@code suppressed} (figures null) when withheld from an analyst.
     */
    public record TierRate(Tier tier, Long ended, Long renewed, BigDecimal rate, Long byCurrentTier, boolean suppressed) {

        public TierRate(Tier tier, long ended, long renewed, BigDecimal rate, long byCurrentTier) {
            this(tier, (Long) ended, (Long) renewed, rate, (Long) byCurrentTier, false);
        }
    }

    /**
     * Survey answers of members of a tier in the last twelve months: count, mean score (0–10) and NPS (% promoters −
     * % detractors). {@code suppressed} (figures null) when withheld from an analyst.
     */
    public record TierSatisfaction(Tier tier, Long answers, BigDecimal meanScore, BigDecimal nps, boolean suppressed) {

        public TierSatisfaction(Tier tier, long answers, BigDecimal meanScore, BigDecimal nps) {
            this(tier, (Long) answers, meanScore, nps, false);
        }
    }

    /**
     * The figures as the current staff member may see them ({@link SmallCellRule}, docs/privacy.md section 7). For an
     * analyst: a tier of fewer than k members is withheld, and the next smallest with it (the tiers add up to the
     * members); a benefit's entitled members are withheld when they add up a withheld tier (entitled − the other tiers
     * would give it), its users, uses and rate when fewer than k members used it; the renewal and the satisfaction of a
     * withheld tier, or of a tier with fewer than k policies ended or answers, are withheld, with the next smallest row
     * when one would be alone. Other roles get the figures unchanged.
     */
    public ProgrammeFigures withSmallCellsWithheld(SmallCellRule rule) {
        int k = rule.threshold();
        if (k == 0) {
            return this;
        }
        SmallCellRule.Withheld byTier = rule.partition(tiers.stream().mapToLong(TierCount::members).toArray());
        List<TierCount> shownTiers = new ArrayList<>();
        java.util.EnumSet<Tier> hidden = java.util.EnumSet.noneOf(Tier.class);
        for (int i = 0; i < tiers.size(); i++) {
            TierCount t = tiers.get(i);
            if (byTier.cell(i)) {
                hidden.add(t.tier());
                shownTiers.add(new TierCount(t.tier(), null, true));
            } else {
                shownTiers.add(t);
            }
        }
        List<BenefitUsage> shownBenefits = benefits.stream().map(b -> {
            boolean entitledHidden = b.benefit().tiers().stream().anyMatch(hidden::contains) || b.entitled() > 0 && b.entitled() < k;
            boolean usersHidden = b.users() > 0 && b.users() < k;
            if (!entitledHidden && !usersHidden) {
                return b;
            }
            return new BenefitUsage(b.benefit(), entitledHidden ? null : b.entitled(), usersHidden ? null : b.users(),
                    usersHidden ? null : b.uses(), null, b.lowUsage(), true);
        }).toList();
        boolean[] rateForced = new boolean[renewal.size()];
        for (int i = 0; i < renewal.size(); i++) {
            rateForced[i] = hidden.contains(renewal.get(i).tier());
        }
        SmallCellRule.Withheld byRenewal = rule.partition(renewal.stream().mapToLong(TierRate::ended).toArray(), rateForced);
        List<TierRate> shownRenewal = new ArrayList<>();
        for (int i = 0; i < renewal.size(); i++) {
            TierRate r = renewal.get(i);
            shownRenewal.add(byRenewal.cell(i) ? new TierRate(r.tier(), null, null, null, null, true) : r);
        }
        boolean[] answersForced = new boolean[satisfaction.size()];
        for (int i = 0; i < satisfaction.size(); i++) {
            answersForced[i] = hidden.contains(satisfaction.get(i).tier());
        }
        SmallCellRule.Withheld bySatisfaction = rule.partition(
                satisfaction.stream().mapToLong(TierSatisfaction::answers).toArray(), answersForced);
        List<TierSatisfaction> shownSatisfaction = new ArrayList<>();
        for (int i = 0; i < satisfaction.size(); i++) {
            TierSatisfaction s = satisfaction.get(i);
            shownSatisfaction.add(bySatisfaction.cell(i) ? new TierSatisfaction(s.tier(), null, null, null, true) : s);
        }
        return new ProgrammeFigures(asOf, List.copyOf(shownTiers), List.copyOf(shownBenefits), List.copyOf(shownRenewal),
                List.copyOf(shownSatisfaction), lowUsageBelow);
    }

    /** Whether any figure is withheld (the page then says why). */
    public boolean anyWithheld() {
        return tiers.stream().anyMatch(TierCount::suppressed) || benefits.stream().anyMatch(BenefitUsage::suppressed)
                || renewal.stream().anyMatch(TierRate::suppressed) || satisfaction.stream().anyMatch(TierSatisfaction::suppressed);
    }
}
