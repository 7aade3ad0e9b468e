package io.insurecrm.crosssell;

import java.util.List;

/** A proposed incentive set refused, with every problem found. */
public class InvalidIncentives extends RuntimeException {

    private final transient List<IncentiveProblem> problems;

    InvalidIncentives(List<IncentiveProblem> problems) {
        super("Invalid cross-sell incentives: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<IncentiveProblem> problems() {
        return problems;
    }
}
