package io.insurecrm.segmentation;

import java.util.List;

/** A proposed rule set refused, with every problem found. */
public class InvalidSegmentRules extends RuntimeException {

    private final transient List<RuleProblem> problems;

    InvalidSegmentRules(List<RuleProblem> problems) {
        super("Invalid segment rules: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
