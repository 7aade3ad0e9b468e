package io.insurecrm.privacy.web;

import io.insurecrm.privacy.DataSubjectRequestRefused;
import io.insurecrm.privacy.TokenRotationRefused;
import java.net.URI;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A data-subject request step or a token rotation refused by the rules: a 409 problem with the localised reason; nothing was changed. */
@RestControllerAdvice(annotations = RestController.class)
@Order(0)
class RightsProblems {

    private final MessageSource messages;

    RightsProblems(MessageSource messages) {
        this.messages = messages;
    }

    static String reason(MessageSource messages, io.insurecrm.privacy.PrivacyStepRefused e) {
        return messages.getMessage(e.messageKey(), e.arguments(), e.getMessage(), LocaleContextHolder.getLocale());
    }

    @ExceptionHandler(DataSubjectRequestRefused.class)
    ProblemDetail refused(DataSubjectRequestRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, reason(messages, e));
        problem.setType(URI.create("urn:insurecrm:problem:request-refused"));
        problem.setTitle("Request refused");
        problem.setProperty("code", e.messageKey());
        return problem;
    }

    @ExceptionHandler(TokenRotationRefused.class)
    ProblemDetail rotationRefused(TokenRotationRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, reason(messages, e));
        problem.setType(URI.create("urn:insurecrm:problem:token-not-rotatable"));
        problem.setTitle("Token cannot be rotated");
        problem.setProperty("code", e.messageKey());
        return problem;
    }
}
