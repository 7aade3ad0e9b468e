package io.insurecrm.crosssell;

import java.time.Instant;
import java.util.List;

/** A stored questionnaire: the answers, the life stage they give, and the gaps found by the rule set version named. */
public record QuestionnaireReport(long id, QuestionnaireAnswers answers, String lifeStage, int ruleSetVersion,
                                  List<Gap> gaps, Instant createdAt, String createdBy) {

    public QuestionnaireReport {
        gaps = List.copyOf(gaps);
    }
}
