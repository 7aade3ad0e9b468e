package io.insurecrm.loyalty;

import java.util.List;

/**
 * What is wrong with proposed tier rules: a message key and its arguments, and the field when the problem is one of a
 * single field ({@code reason}, {@code basedOnVersion}; null for a problem of the rules as a whole).
 */
public record RuleProblem(String field, String code, List<Object> arguments) {

    public RuleProblem {
        arguments = List.copyOf(arguments);
    }

    /** A problem of the rules as a whole. */
    public RuleProblem(String code, List<Object> arguments) {
        this(null, code, arguments);
    }

    /** A problem found by the checks every rule editor shares (platform.rules). */
    static RuleProblem from(io.insurecrm.platform.rules.FieldProblem problem) {
        return new RuleProblem(problem.field(), problem.code(), problem.arguments());
    }

    static RuleProblem of(String code, Object... arguments) {
        return new RuleProblem("loyalty.rules." + code, List.of(arguments));
    }
}
