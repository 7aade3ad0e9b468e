package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueRulesTests {

    static ValueBand band(String segment, String from, String to) {
        return new ValueBand(segment, from == null ? null : new BigDecimal(from), to == null ? null : new BigDecimal(to));
    }

    static final List<ValueBand> DEFAULTS = List.of(band("POTENTIAL", "0", "10000"), band("MIDDLE", "10000", "100000"),
            band("HIGH", "100000", null));

    @Test
    void theDefaultBandsAreValidInAnyOrder() {
        assertThat(ValueRules.check(DEFAULTS)).isEmpty();
        ValueRules rules = ValueRules.of(List.of(DEFAULTS.get(2), DEFAULTS.get(0), DEFAULTS.get(1)));
        assertThat(rules.bands()).extracting(ValueBand::segment).containsExactly("POTENTIAL", "MIDDLE", "HIGH");
        assertThat(rules.toJson()).isEqualTo("{\"bands\": [{\"segment\": \"POTENTIAL\", \"from\": 0, \"to\": 10000}, "
                + "{\"segment\": \"MIDDLE\", \"from\": 10000, \"to\": 100000}, {\"segment\": \"HIGH\", \"from\": 100000, \"to\": null}]}");
    }

    @Test
    void aGapBetweenBandsIsNamed() {
        assertThat(ValueRules.check(List.of(band("POTENTIAL", "0", "10000"), band("MIDDLE", "20000", "100000"),
                band("HIGH", "100000", null))))
                .containsExactly(RuleProblem.of("gap", "10,000", "20,000"));
    }

    @Test
    void aBandNotStartingAtZeroLeavesAGap() {
        assertThat(ValueRules.check(List.of(band("MIDDLE", "500", "100000"), band("HIGH", "100000", null))))
                .containsExactly(RuleProblem.of("gap", "0", "500"));
    }

    @Test
    void overlappingBandsAreNamedWithTheOverlap() {
        assertThat(ValueRules.check(List.of(band("POTENTIAL", "0", "15000"), band("MIDDLE", "10000", "100000"),
                band("HIGH", "100000", null))))
                .containsExactly(RuleProblem.of("overlap", "POTENTIAL", "MIDDLE", "10,000", "15,000"));
    }

    @Test
    void aBandInsideAnotherOverlapsOnItsWholeRange() {
        assertThat(ValueRules.check(List.of(band("POTENTIAL", "0", "100000"), band("MIDDLE", "10000", "20000"),
                band("HIGH", "100000", null))))
                .containsExactly(RuleProblem.of("overlap", "POTENTIAL", "MIDDLE", "10,000", "20,000"));
    }

    @Test
    void twoUnboundedBandsOverlap() {
        assertThat(ValueRules.check(List.of(band("POTENTIAL", "0", "10000"), band("MIDDLE", "10000", null),
                band("HIGH", "100000", null))))
                .containsExactly(RuleProblem.of("overlap", "MIDDLE", "HIGH", "100,000", "∞"));
    }

    @Test
    void aTopBandWithAnUpperBoundLeavesTheRestUncovered() {
        assertThat(ValueRules.check(List.of(band("POTENTIAL", "0", "10000"), band("HIGH", "10000", "1000000"))))
                .containsExactly(RuleProblem.of("noTop", "1,000,000"));
    }

    @Test
    void bandsThemselvesAreChecked() {
        assertThat(ValueRules.check(List.of(band("low", "0", "10000"), band("HIGH", "-5", null), band("HIGH", null, null),
                band("MID", "20000", "20000"))))
                .containsExactly(RuleProblem.of("segmentName", "low"), RuleProblem.of("negative", "HIGH", "-5"),
                        RuleProblem.of("duplicateSegment", "HIGH"), RuleProblem.of("missingFrom", "HIGH"),
                        RuleProblem.of("emptyBand", "MID", "20,000", "20,000"));
    }

    @Test
    void noBandsAtAllIsRefused() {
        assertThat(ValueRules.check(null)).containsExactly(RuleProblem.of("empty"));
        assertThat(ValueRules.check(List.of(band("", null, null)))).containsExactly(RuleProblem.of("empty"));
    }

    @Test
    void ofRefusesInvalidBandsWithEveryProblem() {
        assertThatThrownBy(() -> ValueRules.of(List.of(band("MIDDLE", "10", "20"))))
                .isInstanceOfSatisfying(InvalidSegmentRules.class, e -> assertThat(e.problems())
                        .containsExactly(RuleProblem.of("gap", "0", "10"), RuleProblem.of("noTop", "20")));
    }

    @Test
    void centsAreShownOnlyWhenThereAreAny() {
        assertThat(ValueRules.amount(new BigDecimal("99999.50"))).isEqualTo("99,999.5");
        assertThat(ValueRules.amount(new BigDecimal("123400.00"))).isEqualTo("123,400");
    }
}
