package io.insurecrm.segmentation.web;

import io.insurecrm.segmentation.InvalidSegmentRules;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * How the segment and tag rule APIs answer invalid rules (400); a save made from another version than the active one
 * (platform.rules.StaleRuleVersion) is answered 409 by platform.web.ApiProblems, as every rule set's is.
 */
final class RuleSaveAnswers {

    private RuleSaveAnswers() {
    }

    /** 400 listing every problem with its code and message. */
    static ProblemDetail invalid(InvalidSegmentRules e, MessageSource messages, Locale locale) {
        List<Map<String, String>> errors = e.problems().stream()
                .map(p -> Map.of("code", p.code(), "message",
                        messages.getMessage(p.code(), p.arguments().toArray(), p.code(), locale)))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", errors.stream().map(m -> m.get("message")).toList()));
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle("Invalid segment rules");
        problem.setProperty("errors", errors);
        return problem;
    }
}
