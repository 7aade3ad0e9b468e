package io.insurecrm.crosssell;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gap rules without a database: what they find for a person, and every problem of a bad rule set. */
class GapRulesTests {

    static GapRule lifeCover() {
        return new GapRule("FAMILY_LIFE_COVER", GapRule.Kind.COVER_BELOW_NEED, Set.of("NEW_FAMILY", "SUPPORTING"), null,
                18, 65, GapRule.Condition.NONE, List.of(ProductLine.TERM_LIFE, ProductLine.WHOLE_LIFE), ProductLine.TERM_LIFE,
                new BigDecimal("5"), new BigDecimal("300000"), "{name}的寿险保额 {cover} 元低于所需的 {need} 元",
                "{name}'s life cover of {cover} is below the {need} needed");
    }

    static GapRule seniorMedical() {
        return new GapRule("SENIOR_MEDICAL", GapRule.Kind.MISSING_LINE, Set.of("SENIOR"), null, null, null,
                GapRule.Condition.NONE, List.of(ProductLine.MEDICAL), ProductLine.MEDICAL, null, null,
                "{name}已 {age} 岁，没有医疗险", "{name} is {age} and has no medical cover");
    }

    static GapRule newMember() {
        return new GapRule("NEW_MEMBER", GapRule.Kind.MISSING_LINE, Set.of(), null, null, null,
                GapRule.Condition.NEW_MEMBER, List.of(ProductLine.ACCIDENT, ProductLine.MEDICAL), ProductLine.ACCIDENT, null, null,
                "{name}是新增家庭成员，尚无保障", "{name} is new to the family and has no cover");
    }

    @Test
    void lifeCoverBelowMortgageIncomeAndEducationIsAGapWithBothAmounts() {
        Person head = new Person(1L, "张伟", 38, "SUPPORTING", "SELF", 2, false, new BigDecimal("200000"),
                new BigDecimal("1500000"), Map.of(ProductLine.TERM_LIFE, new BigDecimal("500000")));
        List<Gap> gaps = GapEvaluator.evaluate(List.of(lifeCover(), seniorMedical()), head);

        // need = 200,000 × 5 + 1,500,000 + 2 × 300,000 = 3,100,000
        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.ruleCode()).isEqualTo("FAMILY_LIFE_COVER");
            assertThat(g.cover()).isEqualByComparingTo("500000");
            assertThat(g.need()).isEqualByComparingTo("3100000");
            assertThat(g.explanationZh()).isEqualTo("张伟的寿险保额 500,000 元低于所需的 3,100,000 元");
            assertThat(g.explanationEn()).isEqualTo("张伟's life cover of 500,000 is below the 3,100,000 needed");
            assertThat(g.suggestLine()).isEqualTo(ProductLine.TERM_LIFE);
        });
        Person covered = new Person(1L, "张伟", 38, "SUPPORTING", "SELF", 2, false, new BigDecimal("200000"),
                new BigDecimal("1500000"), Map.of(ProductLine.TERM_LIFE, new BigDecimal("2000000"),
                ProductLine.WHOLE_LIFE, new BigDecimal("1100000")));
        assertThat(GapEvaluator.evaluate(List.of(lifeCover()), covered)).isEmpty();
    }

    @Test
    void stagesAgesAndConditionsSelectWhomARuleIsFor() {
        Person senior = new Person(2L, "王芳", 72, "SENIOR", "PARENT", 0, false, null, null, Map.of());
        Person seniorWithMedical = new Person(2L, "王芳", 72, "SENIOR", "PARENT", 0, false, null, null,
                Map.of(ProductLine.MEDICAL, BigDecimal.ZERO));
        Person young = new Person(3L, "李娜", 25, "YOUNG_SINGLE", null, 0, false, null, null, Map.of());
        Person baby = new Person(4L, "小明", 0, null, "CHILD", 0, true, null, null, Map.of());
        List<GapRule> rules = List.of(lifeCover(), seniorMedical(), newMember());

        assertThat(GapEvaluator.evaluate(rules, senior)).extracting(Gap::explanationZh).containsExactly("王芳已 72 岁，没有医疗险");
        assertThat(GapEvaluator.evaluate(rules, seniorWithMedical)).isEmpty();
        assertThat(GapEvaluator.evaluate(rules, young)).isEmpty();
        assertThat(GapEvaluator.evaluate(rules, baby)).extracting(Gap::ruleCode).containsExactly("NEW_MEMBER");
    }

    @Test
    void theDefaultStyleRulesAreValid() {
        assertThat(GapRuleCheck.check(List.of(lifeCover(), seniorMedical(), newMember()))).isEmpty();
    }

    @Test
    void everyProblemOfABadRuleSetIsNamedWithRowAndField() {
        GapRule bad = new GapRule("bad code", null, Set.of("TEENAGER"), "COUSIN", 70, 20, GapRule.Condition.NONE,
                List.of(), null, new BigDecimal("-1"), null, " ", "{name} lacks {cover}");
        List<GapRuleProblem> problems = GapRuleCheck.check(List.of(seniorMedical(), bad, seniorMedical()));

        assertThat(problems).extracting(p -> p.row() + ":" + p.field() + ":" + p.code()).contains(
                "2:code:crosssell.rules.code", "2:kind:crosssell.rules.required",
                "2:lifeStages:crosssell.rules.unknownStage", "2:relationship:crosssell.rules.unknownRelationship",
                "2:maxAge:crosssell.rules.ageRange", "2:lines:crosssell.rules.noLines",
                "2:suggestLine:crosssell.rules.required", "2:incomeYears:crosssell.rules.incomeYears",
                "2:explanationZh:crosssell.rules.explanationMissing", "2:explanationEn:crosssell.rules.placeholder",
                "3:code:crosssell.rules.duplicateCode");
        assertThat(GapRuleCheck.check(List.of())).extracting(GapRuleProblem::code).containsExactly("crosssell.rules.empty");
    }

    @Test
    void aCoverBelowNeedRuleWithoutAnyNeedIsRefused() {
        GapRule noNeed = new GapRule("NO_NEED", GapRule.Kind.COVER_BELOW_NEED, Set.of(), null, null, null,
                GapRule.Condition.NONE, List.of(ProductLine.TERM_LIFE), ProductLine.TERM_LIFE, BigDecimal.ZERO,
                BigDecimal.ZERO, "{cover} < {need}", "{cover} < {need}");
        assertThat(GapRuleCheck.check(List.of(noNeed))).extracting(GapRuleProblem::code).containsExactly("crosssell.rules.noNeed");
    }
}
