package io.insurecrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierRulesTests {

    static final Map<Activity, Integer> POINTS = Map.of(Activity.HOME_CLASS, 100, Activity.SAFETY_INSPECTION, 200, Activity.SURVEY, 50);

    static List<TierCondition> defaults() {
        return List.of(new TierCondition(Tier.SILVER, 2, new BigDecimal("300"), null),
                new TierCondition(Tier.GOLD, 5, new BigDecimal("800"), null),
                new TierCondition(Tier.DIAMOND, 8, new BigDecimal("1500"), null));
    }

    @Test
    void theDefaultsOfTheDomainAreValid() {
        TierRules rules = TierRules.of(defaults(), 60, DowngradePolicy.KEEP_UNTIL_ANNIVERSARY, POINTS, 24);
        assertThat(rules.condition(Tier.GOLD).minYears()).isEqualTo(5);
        assertThat(rules.toJson()).contains("\"tier\": \"DIAMOND\", \"minYears\": 8, \"premiumAbove\": 1500, \"minPoints\": null");
    }

    @Test
    void aHigherTierEasierThanALowerOneIsRefusedWithEveryProblem() {
        List<TierCondition> easierGold = List.of(new TierCondition(Tier.SILVER, 2, new BigDecimal("300"), null),
                new TierCondition(Tier.GOLD, 2, new BigDecimal("250"), 500),
                new TierCondition(Tier.DIAMOND, 8, new BigDecimal("1500"), 1000));

        assertThatThrownBy(() -> TierRules.of(easierGold, 60, DowngradePolicy.IMMEDIATE, POINTS, 24))
                .isInstanceOfSatisfying(InvalidTierRules.class, e -> assertThat(e.problems()).containsExactly(
                        new RuleProblem("loyalty.rules.easier.years", List.of("GOLD", "2", "SILVER", "2")),
                        new RuleProblem("loyalty.rules.easier.premium", List.of("GOLD", "250", "SILVER", "300")),
                        new RuleProblem("loyalty.rules.notInLower.points", List.of("GOLD", "SILVER"))));
    }

    @Test
    void missingTiersConditionsAndOutOfRangeValuesAreRefused() {
        List<RuleProblem> problems = TierRules.check(List.of(new TierCondition(Tier.SILVER, null, null, null),
                new TierCondition(Tier.SILVER, 0, null, null)), 400, null, Map.of(), 0);
        assertThat(problems).extracting(RuleProblem::code).contains("loyalty.rules.graceDays", "loyalty.rules.downgrade",
                "loyalty.rules.pointsValidMonths", "loyalty.rules.activityPoints", "loyalty.rules.noCondition",
                "loyalty.rules.duplicateTier", "loyalty.rules.minYears", "loyalty.rules.missingTier");
    }
}
