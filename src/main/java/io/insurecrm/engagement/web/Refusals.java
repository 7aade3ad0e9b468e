package io.insurecrm.engagement.web;

import io.insurecrm.engagement.EngagementRefused;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A refusal as an RFC 9457 problem: 400 with every field, message key and message in the caller's language. */
final class Refusals {

    private Refusals() {
    }

    static ProblemDetail problem(EngagementRefused e, MessageSource texts, Locale locale) {
        List<Map<String, String>> errors = e.problems().stream()
                .map(p -> Map.of("field", p.field(), "code", p.code(),
                        "message", texts.getMessage(p.code(), p.arguments().toArray(), p.code(), locale)))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", errors.stream().map(m -> m.get("field") + ": " + m.get("message")).toList()));
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle("Refused");
        problem.setProperty("errors", errors);
        return problem;
    }
}
