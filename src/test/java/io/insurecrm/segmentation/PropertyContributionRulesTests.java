package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The VALUE rules as an object: bands and the optional property contribution score, checked with every problem. */
class PropertyContributionRulesTests {

    static final List<Map<String, Object>> BANDS = List.of(band("POTENTIAL", 0, 10000), band("MIDDLE", 10000, 100000),
            band("HIGH", 100000, null));

    static Map<String, Object> band(String segment, Object from, Object to) {
        Map<String, Object> band = new HashMap<>();
        band.put("segment", segment);
        band.put("from", from);
        band.put("to", to);
        return band;
    }

    static Map<String, Object> contribution() {
        Map<String, Object> k = new HashMap<>(Map.of("premiumWeight", 40, "premiumFull", 50000, "renewalWeight", 35,
                "renewalYears", 3, "renewalNoHistory", 0.5, "claimWeight", 25, "claimYears", 3, "claimsZero", 3));
        k.put("bands", List.of(band("POTENTIAL", 0, 50), band("MIDDLE", 50, 75), band("HIGH", 75, null)));
        return k;
    }

    @Test
    void bandsAloneOrWithAContributionAreValid() {
        assertThat(ValueRules.checkJson(Map.of("bands", BANDS))).isEmpty();
        ValueRules rules = ValueRules.fromJson(Map.of("bands", BANDS, "propertyContribution", contribution()));
        assertThat(rules.propertyContribution().premiumFull()).isEqualByComparingTo("50000");
        assertThat(rules.propertyContribution().bands()).extracting(ValueBand::segment).containsExactly("POTENTIAL", "MIDDLE", "HIGH");
        assertThat(rules.toJson()).contains("\"propertyContribution\": {\"premiumWeight\": 40, \"premiumFull\": 50000, "
                + "\"renewalWeight\": 35, \"renewalYears\": 3, \"renewalNoHistory\": 0.5, \"claimWeight\": 25, \"claimYears\": 3, "
                + "\"claimsZero\": 3, \"bands\": [{\"segment\": \"POTENTIAL\", \"from\": 0, \"to\": 50}");
        assertThat(ValueRules.checkJson(SegmentRulesJson.parse(rules.toJson()))).isEmpty();
    }

    @Test
    void everyProblemOfTheContributionIsNamed() {
        Map<String, Object> k = contribution();
        k.put("premiumWeight", 50);
        k.put("renewalNoHistory", 2);
        k.put("claimYears", 0);
        k.put("premiumFull", 0);
        k.remove("claimsZero");
        k.put("colour", "red");
        k.put("bands", List.of(band("POTENTIAL", 0, 50), band("HIGH", 60, null)));
        List<RuleProblem> problems = ValueRules.checkJson(Map.of("bands", BANDS, "propertyContribution", k));
        assertThat(problems).extracting(RuleProblem::code).containsExactlyInAnyOrder(
                "segmentation.rules.unknownField", "segmentation.rules.outOfRange", "segmentation.rules.outOfRange",
                "segmentation.rules.outOfRange", "segmentation.rules.missingField", "segmentation.rules.gap",
                "segmentation.rules.contributionWeights");
        assertThat(problems).contains(RuleProblem.of("contributionWeights", 50, 35, 25, 110),
                RuleProblem.of("gap", "50", "60"), RuleProblem.of("missingField", "propertyContribution.claimsZero"),
                RuleProblem.of("outOfRange", "propertyContribution.claimYears", "0", 1, 10));
        assertThatThrownBy(() -> ValueRules.fromJson(Map.of("bands", BANDS, "propertyContribution", k)))
                .isInstanceOf(InvalidSegmentRules.class);
    }

    @Test
    void missingBandsAreNamed() {
        assertThat(ValueRules.checkJson(Map.of("propertyContribution", contribution())))
                .containsExactly(RuleProblem.of("missingField", "bands"));
        assertThat(ValueRules.checkJson(Map.of("bands", List.of(band("HIGH", new BigDecimal("5"), null)))))
                .containsExactly(RuleProblem.of("gap", "0", "5"));
    }

    /** Parses stored JSON as the rule sets are read. */
    static final class SegmentRulesJson {
        @SuppressWarnings("unchecked")
        static Map<String, Object> parse(String json) {
            return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, Map.class);
        }
    }
}
