package io.insurecrm.crosssell;

import java.util.List;

/** Questionnaire answers refused, with every missing or absurd field. */
public class InvalidAnswers extends RuntimeException {

    private final transient List<QuestionnaireAnswers.Problem> problems;

    InvalidAnswers(List<QuestionnaireAnswers.Problem> problems) {
        super("Invalid questionnaire answers: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<QuestionnaireAnswers.Problem> problems() {
        return problems;
    }
}
