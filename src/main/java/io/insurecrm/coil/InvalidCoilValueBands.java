package io.insurecrm.coil;

import java.util.List;

/** Proposed CoIL value bands (or their reason) refused, with every problem found. */
public class InvalidCoilValueBands extends RuntimeException {

    private final transient List<CoilBandProblem> problems;

    public InvalidCoilValueBands(List<CoilBandProblem> problems) {
        super("Invalid CoIL value bands: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<CoilBandProblem> problems() {
        return problems;
    }
}
