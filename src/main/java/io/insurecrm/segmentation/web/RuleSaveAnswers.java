package io.insurecrm.segmentation.web;

import io.insurecrm.segmentation.InvalidSegmentRules;
import io.insurecrm.segmentation.StaleSegmentRules;
import java.net.URI;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** How the APIs and pages answer a rule save refused: invalid rules (400) and a save based on an older version (409). */
final class RuleSaveAnswers {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

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

    /** 409 naming the active version, who saved it and when, and the version the refused save was based on. */
    static ProblemDetail stale(StaleSegmentRules e, MessageSource messages, Locale locale, Clock clock) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, message(e, messages, locale, clock));
        problem.setType(URI.create("urn:insurecrm:problem:rules-changed"));
        problem.setTitle("The rules were saved by someone else since");
        problem.setProperty("activeVersion", e.activeVersion());
        problem.setProperty("activeBy", e.activeBy());
        problem.setProperty("activeAt", e.activeAt());
        problem.setProperty("basedOnVersion", e.basedOnVersion());
        return problem;
    }

    /** The refusal in a language: the set's name, the active version, by whom and when (local time), the version based on. */
    static String message(StaleSegmentRules e, MessageSource messages, Locale locale, Clock clock) {
        String set = messages.getMessage("segmentation.editor.set." + e.set(), null, e.set(), locale);
        return messages.getMessage("segmentation.rules.stale", new Object[] {set, e.activeVersion(), e.activeBy(),
                AT.format(e.activeAt().atZone(clock.getZone())), e.basedOnVersion()}, locale);
    }
}
