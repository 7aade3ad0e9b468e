package io.insurecrm.loyalty;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tier rules: the conditions of Silver, Gold and Diamond (Basic = any active home property policy), the grace
 * period that a late renewal may leave without breaking the insured years, the downgrade policy, the points each
 * activity earns and how long they stay valid. Built only through {@link #of}, which refuses rules where a higher
 * tier is as easy as or easier than a lower one, with every problem found.
 */
public record TierRules(List<TierCondition> tiers, int graceDays, DowngradePolicy downgrade,
                        Map<Activity, Integer> activityPoints, int pointsValidMonths) {

    public TierRules {
        tiers = List.copyOf(tiers);
        activityPoints = Map.copyOf(activityPoints);
    }

    /** Valid rules, tiers ordered lowest first. @throws InvalidTierRules listing what is wrong */
    public static TierRules of(List<TierCondition> tiers, Integer graceDays, DowngradePolicy downgrade,
                               Map<Activity, Integer> activityPoints, Integer pointsValidMonths) {
        List<RuleProblem> problems = check(tiers, graceDays, downgrade, activityPoints, pointsValidMonths);
        if (!problems.isEmpty()) {
            throw new InvalidTierRules(problems);
        }
        return new TierRules(tiers.stream().sorted(Comparator.comparing(TierCondition::tier)).toList(), graceDays,
                downgrade, activityPoints, pointsValidMonths);
    }

    /** Every problem of the proposed rules; empty when they are valid. */
    public static List<RuleProblem> check(List<TierCondition> proposed, Integer graceDays, DowngradePolicy downgrade,
                                          Map<Activity, Integer> activityPoints, Integer pointsValidMonths) {
        List<RuleProblem> problems = new ArrayList<>();
        if (graceDays == null || graceDays < 0 || graceDays > 365) {
            problems.add(RuleProblem.of("graceDays", String.valueOf(graceDays)));
        }
        if (downgrade == null) {
            problems.add(RuleProblem.of("downgrade"));
        }
        if (pointsValidMonths == null || pointsValidMonths < 1 || pointsValidMonths > 120) {
            problems.add(RuleProblem.of("pointsValidMonths", String.valueOf(pointsValidMonths)));
        }
        for (Activity activity : Activity.values()) {
            Integer points = activityPoints == null ? null : activityPoints.get(activity);
            if (points == null || points < 1 || points > 100_000) {
                problems.add(RuleProblem.of("activityPoints", activity.name(), String.valueOf(points)));
            }
        }
        Map<Tier, TierCondition> byTier = new EnumMap<>(Tier.class);
        for (TierCondition condition : proposed == null ? List.<TierCondition>of() : proposed) {
            if (condition == null || condition.tier() == null || !condition.tier().above(Tier.BASIC)) {
                problems.add(RuleProblem.of("tier", condition == null ? "?" : String.valueOf(condition.tier())));
                continue;
            }
            if (byTier.put(condition.tier(), condition) != null) {
                problems.add(RuleProblem.of("duplicateTier", condition.tier().name()));
            }
            if (condition.minYears() == null && condition.premiumAbove() == null && condition.minPoints() == null) {
                problems.add(RuleProblem.of("noCondition", condition.tier().name()));
            }
            if (condition.minYears() != null && (condition.minYears() < 1 || condition.minYears() > 100)) {
                problems.add(RuleProblem.of("minYears", condition.tier().name(), condition.minYears()));
            }
            if (condition.premiumAbove() != null && condition.premiumAbove().signum() < 0) {
                problems.add(RuleProblem.of("premiumAbove", condition.tier().name(), condition.premiumAbove().toPlainString()));
            }
            if (condition.minPoints() != null && condition.minPoints() < 1) {
                problems.add(RuleProblem.of("minPoints", condition.tier().name(), condition.minPoints()));
            }
        }
        for (Tier tier : List.of(Tier.SILVER, Tier.GOLD, Tier.DIAMOND)) {
            if (!byTier.containsKey(tier)) {
                problems.add(RuleProblem.of("missingTier", tier.name()));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        List<TierCondition> ordered = List.of(byTier.get(Tier.SILVER), byTier.get(Tier.GOLD), byTier.get(Tier.DIAMOND));
        for (int i = 1; i < ordered.size(); i++) {
            TierCondition lower = ordered.get(i - 1);
            TierCondition higher = ordered.get(i);
            harder(problems, "years", lower, higher, c -> c.minYears() == null ? null : BigDecimal.valueOf(c.minYears()));
            harder(problems, "premium", lower, higher, TierCondition::premiumAbove);
            harder(problems, "points", lower, higher, c -> c.minPoints() == null ? null : BigDecimal.valueOf(c.minPoints()));
        }
        return problems;
    }

    /**
     * A condition used by a higher tier must be used by the tier below with a strictly lower threshold; otherwise
     * the higher tier is reached as easily as (or more easily than) the lower one.
     */
    private static void harder(List<RuleProblem> problems, String condition, TierCondition lower, TierCondition higher,
                               Function<TierCondition, BigDecimal> threshold) {
        BigDecimal high = threshold.apply(higher);
        BigDecimal low = threshold.apply(lower);
        if (high == null) {
            return;
        }
        if (low == null) {
            problems.add(RuleProblem.of("notInLower." + condition, higher.tier().name(), lower.tier().name()));
        } else if (high.compareTo(low) <= 0) {
            problems.add(RuleProblem.of("easier." + condition, higher.tier().name(), high.stripTrailingZeros().toPlainString(),
                    lower.tier().name(), low.stripTrailingZeros().toPlainString()));
        }
    }

    public TierCondition condition(Tier tier) {
        return tiers.stream().filter(c -> c.tier() == tier).findFirst().orElse(null);
    }

    /** The rules as stored in {@code loyalty_rule_set.rules}; every value is a number or an enum name. */
    String toJson() {
        StringBuilder json = new StringBuilder("{\"graceDays\": ").append(graceDays)
                .append(", \"downgrade\": \"").append(downgrade.name()).append("\", \"pointsValidMonths\": ")
                .append(pointsValidMonths).append(", \"activityPoints\": {");
        int n = 0;
        for (Activity activity : Activity.values()) {
            json.append(n++ == 0 ? "" : ", ").append('"').append(activity.name()).append("\": ")
                    .append(activityPoints.get(activity));
        }
        json.append("}, \"tiers\": [");
        for (int i = 0; i < tiers.size(); i++) {
            TierCondition c = tiers.get(i);
            json.append(i == 0 ? "" : ", ").append("{\"tier\": \"").append(c.tier().name())
                    .append("\", \"minYears\": ").append(c.minYears())
                    .append(", \"premiumAbove\": ").append(c.premiumAbove() == null ? "null" : c.premiumAbove().toPlainString())
                    .append(", \"minPoints\": ").append(c.minPoints()).append('}');
        }
        return json.append("]}").toString();
    }
}
