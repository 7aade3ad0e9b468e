package io.insurecrm.loyalty.web;

import io.insurecrm.loyalty.Activity;
import io.insurecrm.loyalty.DowngradePolicy;
import io.insurecrm.loyalty.RuleProblem;
import io.insurecrm.loyalty.RuleSet;
import io.insurecrm.loyalty.Tier;
import io.insurecrm.loyalty.TierCondition;
import io.insurecrm.loyalty.TierRules;
import io.insurecrm.platform.rules.RuleChecks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rules editor's form as typed: per tier (Silver, Gold, Diamond in that order) years, premium and points (blank =
 * not a condition), the grace days, the downgrade policy, the points per activity and their validity in months; the
 * version the form was made from (hidden) and the reason for the change.
 */
record TierRulesForm(List<String> years, List<String> premium, List<String> points, String graceDays, String downgrade,
                     String homeClass, String safetyInspection, String survey, String pointsValidMonths,
                     String basedOnVersion, String reason) {

    static final List<Tier> TIERS = List.of(Tier.SILVER, Tier.GOLD, Tier.DIAMOND);

    /** One value per tier in each list, blank where none was typed, so the form always shows three rows. */
    TierRulesForm {
        years = padded(years);
        premium = padded(premium);
        points = padded(points);
    }

    private static List<String> padded(List<String> values) {
        List<String> three = new ArrayList<>();
        for (int i = 0; i < TIERS.size(); i++) {
            three.add(values == null || values.size() <= i || values.get(i) == null ? "" : values.get(i));
        }
        return List.copyOf(three);
    }

    record Parsed(List<TierCondition> tiers, Integer graceDays, DowngradePolicy downgrade,
                  Map<Activity, Integer> activityPoints, Integer pointsValidMonths, Integer basedOnVersion) {
    }

    /** The form of a saved version: its rules, made from it, no reason yet. */
    static TierRulesForm of(RuleSet set) {
        TierRules rules = set.rules();
        List<String> years = new ArrayList<>();
        List<String> premium = new ArrayList<>();
        List<String> points = new ArrayList<>();
        for (Tier tier : TIERS) {
            TierCondition c = rules.condition(tier);
            years.add(c == null || c.minYears() == null ? "" : c.minYears().toString());
            premium.add(c == null || c.premiumAbove() == null ? "" : c.premiumAbove().stripTrailingZeros().toPlainString());
            points.add(c == null || c.minPoints() == null ? "" : c.minPoints().toString());
        }
        return new TierRulesForm(years, premium, points, String.valueOf(rules.graceDays()), rules.downgrade().name(),
                String.valueOf(rules.activityPoints().get(Activity.HOME_CLASS)),
                String.valueOf(rules.activityPoints().get(Activity.SAFETY_INSPECTION)),
                String.valueOf(rules.activityPoints().get(Activity.SURVEY)), String.valueOf(rules.pointsValidMonths()),
                String.valueOf(set.version()), "");
    }

    /** The version the form was made from; null when missing or not a whole number (the save names it missing). */
    public Integer basedOn() {
        return RuleChecks.version(basedOnVersion);
    }

    /** What was typed, now made from {@code version} (after a refused save, to replace that version on purpose). */
    TierRulesForm basedOn(int version) {
        return new TierRulesForm(years, premium, points, graceDays, downgrade, homeClass, safetyInspection, survey,
                pointsValidMonths, String.valueOf(version), reason);
    }

    /** The typed values; a value that is not a number adds a problem naming the field. */
    Parsed parse(List<RuleProblem> problems) {
        List<TierCondition> tiers = new ArrayList<>();
        for (int i = 0; i < TIERS.size(); i++) {
            Tier tier = TIERS.get(i);
            tiers.add(new TierCondition(tier, integer(at(years, i), "years." + tier, problems),
                    decimal(at(premium, i), "premium." + tier, problems), integer(at(points, i), "points." + tier, problems)));
        }
        DowngradePolicy policy = null;
        try {
            policy = downgrade == null || downgrade.isBlank() ? null : DowngradePolicy.valueOf(downgrade);
        } catch (IllegalArgumentException e) {
            problems.add(new RuleProblem("loyalty.rules.notANumber", List.of("downgrade", downgrade)));
        }
        Map<Activity, Integer> activityPoints = new EnumMap<>(Activity.class);
        put(activityPoints, Activity.HOME_CLASS, integer(homeClass, "HOME_CLASS", problems));
        put(activityPoints, Activity.SAFETY_INSPECTION, integer(safetyInspection, "SAFETY_INSPECTION", problems));
        put(activityPoints, Activity.SURVEY, integer(survey, "SURVEY", problems));
        return new Parsed(tiers, integer(graceDays, "graceDays", problems), policy, activityPoints,
                integer(pointsValidMonths, "pointsValidMonths", problems), basedOn());
    }

    private static void put(Map<Activity, Integer> map, Activity activity, Integer value) {
        if (value != null) {
            map.put(activity, value);
        }
    }

    private static String at(List<String> values, int i) {
        return values == null || values.size() <= i ? null : values.get(i);
    }

    private static Integer integer(String text, String field, List<RuleProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new RuleProblem("loyalty.rules.notANumber", List.of(field, text)));
            return null;
        }
    }

    private static BigDecimal decimal(String text, String field, List<RuleProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(new RuleProblem("loyalty.rules.notANumber", List.of(field, text)));
            return null;
        }
    }
}
