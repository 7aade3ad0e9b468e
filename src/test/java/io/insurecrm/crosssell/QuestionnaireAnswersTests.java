package io.insurecrm.crosssell;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Questionnaire answers: absurd or missing ones named by field; the life stage they give; the gaps they find. */
class QuestionnaireAnswersTests {

    static QuestionnaireAnswers family() {
        return new QuestionnaireAnswers(null, "陈静", 34, "MARRIED", new BigDecimal("240000"), 1, 0, true, 2,
                new BigDecimal("1200000"), new BigDecimal("500000"), Set.of(ProductLine.MEDICAL));
    }

    @Test
    void sensibleAnswersHaveNoProblem() {
        assertThat(family().problems()).isEmpty();
    }

    @Test
    void absurdAndMissingAnswersAreRefusedFieldByField() {
        QuestionnaireAnswers absurd = new QuestionnaireAnswers(null, " ", 200, "ENGAGED", new BigDecimal("-5000"), -1,
                null, false, 9, null, new BigDecimal("0.001"), Set.of());
        assertThat(absurd.problems()).extracting(p -> p.field() + ":" + p.code()).containsExactlyInAnyOrder(
                "respondent:crosssell.questionnaire.invalid.required",
                "age:crosssell.questionnaire.invalid.range",
                "maritalStatus:crosssell.questionnaire.invalid.unknown",
                "annualIncome:crosssell.questionnaire.invalid.negative",
                "children:crosssell.questionnaire.invalid.range",
                "parents:crosssell.questionnaire.invalid.range",
                "mortgage:crosssell.questionnaire.invalid.required",
                "lifeCover:crosssell.questionnaire.invalid.cents");
        QuestionnaireAnswers childOlderThanParent = new QuestionnaireAnswers(null, "赵磊", 30, "MARRIED",
                BigDecimal.TEN, 1, 31, false, 0, BigDecimal.ZERO, BigDecimal.ZERO, Set.of());
        assertThat(childOlderThanParent.problems()).extracting(QuestionnaireAnswers.Problem::code)
                .containsExactly("crosssell.questionnaire.invalid.olderThanRespondent");
    }

    @Test
    void lifeStageFollowsTheSegmentationOrder() {
        assertThat(Questionnaires.lifeStage(family(), 35, 60, 6)).isEqualTo("NEW_FAMILY");
        QuestionnaireAnswers single = new QuestionnaireAnswers(null, "a", 28, "SINGLE", BigDecimal.ONE, 0, null, false, 0,
                BigDecimal.ZERO, BigDecimal.ZERO, Set.of());
        assertThat(Questionnaires.lifeStage(single, 35, 60, 6)).isEqualTo("YOUNG_SINGLE");
        QuestionnaireAnswers senior = new QuestionnaireAnswers(null, "a", 66, "MARRIED", BigDecimal.ONE, 2, 38, false, 0,
                BigDecimal.ZERO, BigDecimal.ZERO, Set.of());
        assertThat(Questionnaires.lifeStage(senior, 35, 60, 6)).isEqualTo("SENIOR");
    }

    @Test
    void aNewChildWithoutCoverAndLifeCoverBelowTheMortgageAreBothFound() {
        GapRuleSet rules = new GapRuleSet(1, 1, java.time.Instant.EPOCH, "test", true,
                List.of(GapRulesTests.lifeCover(), GapRulesTests.newMember()), "test");
        List<Gap> gaps = Questionnaires.evaluate(rules, family(), "NEW_FAMILY");

        // need = 240,000 × 5 + 1,200,000 + 1 × 300,000 = 2,700,000 against 500,000 of life cover
        assertThat(gaps).extracting(Gap::ruleCode).containsExactly("FAMILY_LIFE_COVER", "NEW_MEMBER");
        assertThat(gaps.get(0).need()).isEqualByComparingTo("2700000");
        assertThat(gaps.get(1).explanationEn()).isEqualTo("The new child is new to the family and has no cover");
    }
}
