package io.insurecrm.loyalty;

import java.util.List;

/** Proposed tier rules refused, with every problem found. */
public class InvalidTierRules extends RuntimeException {

    private final transient List<RuleProblem> problems;

    InvalidTierRules(List<RuleProblem> problems) {
        super("Invalid tier rules: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
