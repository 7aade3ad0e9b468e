package io.insurecrm.crosssell;

import java.util.List;

/**
 * What is wrong with a proposed incentive: its row (1-based; 0 = the set as a whole), the field, a message key of the
 * crosssell bundle and its arguments.
 */
public record IncentiveProblem(int row, String field, String code, List<Object> arguments) implements RowProblem {

    public IncentiveProblem {
        arguments = List.copyOf(arguments);
    }

    static IncentiveProblem of(int row, String field, String code, Object... arguments) {
        return new IncentiveProblem(row, field, "crosssell.incentives." + code, List.of(arguments));
    }
}
