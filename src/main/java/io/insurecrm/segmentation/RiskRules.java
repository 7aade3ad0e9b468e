package io.insurecrm.segmentation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RISK rules: a score of points — the industry of a corporate customer ({@code industry}, else
 * {@code industryDefault}), the climate exposure of his region when he holds an active property policy
 * ({@code climate}, per region climate), {@code perPropertyClaim} per claim on a property policy and — only with his
 * consent to sensitive data — {@code perHealthClaim} per claim on a health policy, each within {@code claimYears}
 * and capped at {@code claimPointsCap} — placed in {@code levels}, bands of the score that cover [0, ∞) exactly once.
 */
record RiskRules(int claimYears, Map<String, Integer> industry, int industryDefault, Map<String, Integer> climate,
                 int perPropertyClaim, int perHealthClaim, int claimPointsCap, List<ValueBand> levels) {

    static final Set<String> FIELDS = Set.of("claimYears", "industry", "industryDefault", "climate", "perPropertyClaim",
            "perHealthClaim", "claimPointsCap", "levels");
    static final Set<String> CLIMATES = Set.of("TYPHOON_COAST", "RAINY_SOUTH", "COLD_NORTH", "ARID_WEST", "TEMPERATE");
    static final Set<String> LEVEL_FIELDS = Set.of("segment", "from", "to");

    static List<RuleProblem> check(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        read(json, problems);
        return problems;
    }

    static RiskRules of(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        RiskRules rules = read(json, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return rules;
    }

    private static RiskRules read(Object json, List<RuleProblem> problems) {
        RuleReader r = RuleReader.of(json, "", FIELDS, problems);
        Integer years = r.integer("claimYears", 1, 10);
        Map<String, Integer> industry = r.points("industry", null, 0, 100);
        Integer industryDefault = r.integer("industryDefault", 0, 100);
        Map<String, Integer> climate = r.points("climate", CLIMATES, 0, 100);
        Integer perProperty = r.integer("perPropertyClaim", 0, 100);
        Integer perHealth = r.integer("perHealthClaim", 0, 100);
        Integer cap = r.integer("claimPointsCap", 0, 1000);
        List<ValueBand> levels = new ArrayList<>();
        if (!(r.raw("levels") instanceof List<?> list)) {
            problems.add(RuleProblem.of("missingField", "levels"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                RuleReader level = RuleReader.of(list.get(i), "levels[" + (i + 1) + "]", LEVEL_FIELDS, problems);
                levels.add(new ValueBand(level.raw("segment") == null ? null : String.valueOf(level.raw("segment")),
                        RuleReader.decimal(level.raw("from")), RuleReader.decimal(level.raw("to"))));
            }
            problems.addAll(ValueRules.check(levels));
        }
        return problems.isEmpty() ? new RiskRules(years, industry, industryDefault, climate, perProperty, perHealth, cap,
                levels) : null;
    }

}
