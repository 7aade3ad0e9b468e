package io.insurecrm.crosssell;

import java.util.List;

/**
 * What is wrong with a proposed gap rule: the rule's row (1-based; 0 = the set as a whole), the field, a message key
 * of the crosssell bundle and its arguments.
 */
public record GapRuleProblem(int row, String field, String code, List<Object> arguments) implements RowProblem {

    public GapRuleProblem {
        arguments = List.copyOf(arguments);
    }

    static GapRuleProblem of(int row, String field, String code, Object... arguments) {
        return new GapRuleProblem(row, field, "crosssell.rules." + code, List.of(arguments));
    }
}
