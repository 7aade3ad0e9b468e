package io.insurecrm.loyalty;

import java.util.List;

/** What is wrong with proposed tier rules: a message key of the loyalty bundle and its arguments. */
public record RuleProblem(String code, List<Object> arguments) {

    public RuleProblem {
        arguments = List.copyOf(arguments);
    }

    static RuleProblem of(String code, Object... arguments) {
        return new RuleProblem("loyalty.rules." + code, List.of(arguments));
    }
}
