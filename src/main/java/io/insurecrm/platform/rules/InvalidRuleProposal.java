package io.insurecrm.platform.rules;

import java.util.List;

/** A proposed rule version (or its reason, or the version it was based on) refused, with every problem found: 400. */
public class InvalidRuleProposal extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidRuleProposal(List<FieldProblem> problems) {
        super("Invalid rule proposal: " + problems.stream().map(p -> p.field() + " " + p.code()).toList());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
