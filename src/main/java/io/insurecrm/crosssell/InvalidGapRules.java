package io.insurecrm.crosssell;

import java.util.List;

/** A proposed gap rule set refused, with every problem found. */
public class InvalidGapRules extends RuntimeException {

    private final transient List<GapRuleProblem> problems;

    InvalidGapRules(List<GapRuleProblem> problems) {
        super("Invalid gap rules: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<GapRuleProblem> problems() {
        return problems;
    }
}
