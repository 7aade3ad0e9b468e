package io.insurecrm.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The LIFE_STAGE thresholds (docs/segmentation.md): {@code youngUnder} (18–99) must lie below {@code seniorFrom}
 * (19–120) — else nobody could be established, or young and senior at once — and {@code smallChildUnder} is 1–18.
 */
record LifeStageRules(int youngUnder, int seniorFrom, int smallChildUnder) {

    static final Set<String> FIELDS = Set.of("youngUnder", "seniorFrom", "smallChildUnder");

    static List<RuleProblem> check(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        read(json, problems);
        return problems;
    }

    static LifeStageRules of(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        LifeStageRules rules = read(json, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return rules;
    }

    private static LifeStageRules read(Object json, List<RuleProblem> problems) {
        RuleReader r = RuleReader.of(json, "", FIELDS, problems);
        Integer young = r.integer("youngUnder", 18, 99);
        Integer senior = r.integer("seniorFrom", 19, 120);
        Integer child = r.integer("smallChildUnder", 1, 18);
        if (young != null && senior != null && young >= senior) {
            problems.add(RuleProblem.of("youngBeforeSenior", young, senior));
        }
        return problems.isEmpty() ? new LifeStageRules(young, senior, child) : null;
    }
}
