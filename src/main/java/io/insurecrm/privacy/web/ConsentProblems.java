package io.insurecrm.privacy.web;

import io.insurecrm.privacy.ConsentMissing;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refusal for want of consent says why: a 403 problem naming the purpose, or a 403 page with the reason. */
final class ConsentProblems {

    private ConsentProblems() {
    }

    static String reason(MessageSource messages, ConsentMissing e, Locale locale) {
        String purpose = messages.getMessage("consent.purpose." + e.purpose(), null, e.purpose().name(), locale);
        return messages.getMessage("consent.missing", new Object[] {e.customerId(), purpose, e.action()}, e.getMessage(), locale);
    }

    @RestControllerAdvice(annotations = RestController.class)
    @Order(0)
    static class Api {

        private final MessageSource messages;

        Api(MessageSource messages) {
            this.messages = messages;
        }

        @ExceptionHandler(ConsentMissing.class)
        ProblemDetail consentMissing(ConsentMissing e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    reason(messages, e, LocaleContextHolder.getLocale()));
            problem.setType(URI.create("urn:insurecrm:problem:consent-missing"));
            problem.setTitle("Consent missing");
            problem.setProperty("purpose", e.purpose().name());
            problem.setProperty("customerId", e.customerId());
            return problem;
        }
    }

    /** After the API advice (a @RestController is a @Controller too), before the platform's page errors. */
    @ControllerAdvice(annotations = Controller.class)
    @Order(2)
    static class Pages {

        private final MessageSource messages;

        Pages(MessageSource messages) {
            this.messages = messages;
        }

        @ExceptionHandler(ConsentMissing.class)
        String consentMissing(ConsentMissing e, Model model, HttpServletResponse response) {
            response.setStatus(403);
            model.addAttribute("reason", reason(messages, e, LocaleContextHolder.getLocale()));
            model.addAttribute("customerId", e.customerId());
            return "privacy/consent-missing";
        }
    }
}
