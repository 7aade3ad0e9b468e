package io.insurecrm.engagement;

import java.util.List;

/** A template, trigger, task or ticket change refused, with every problem found (field, message key, arguments). */
public class EngagementRefused extends RuntimeException {

    private final List<RuleProblem> problems;

    public EngagementRefused(List<RuleProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.code() + " " + p.arguments()).toList().toString());
        this.problems = List.copyOf(problems);
    }

    public static EngagementRefused of(String field, String code, Object... arguments) {
        return new EngagementRefused(List.of(new RuleProblem(field, code, arguments)));
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
