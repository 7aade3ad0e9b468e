package io.insurecrm.platform.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problems for the REST API. Validation failures name every field with its rejected value and reason;
 * a domain rule broken names its field too; a missing or invisible record is a 404.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(1)
public class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private final MessageSource messages;
    private final org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock;

    ApiProblems(MessageSource messages, org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** A proposed rule version refused: 400 with {@code errors}, each naming its field, its code and the message. */
    @ExceptionHandler(io.insurecrm.platform.rules.InvalidRuleProposal.class)
    ProblemDetail invalidRule(io.insurecrm.platform.rules.InvalidRuleProposal e) {
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, String>> errors = e.problems().stream()
                .map(p -> Map.of("field", p.field(), "code", p.code(), "message", p.message(messages, locale)))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", errors.stream().map(m -> m.get("message")).toList()));
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle("Invalid rules");
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * A save based on another version than the active one: 409 naming who saved which version when, with
     * {@code activeVersion}, {@code activeBy}, {@code activeAt} and {@code basedOnVersion} (as the segment rules answer).
     */
    @ExceptionHandler(io.insurecrm.platform.rules.StaleRuleVersion.class)
    ProblemDetail staleRule(io.insurecrm.platform.rules.StaleRuleVersion e) {
        Locale locale = LocaleContextHolder.getLocale();
        java.time.ZoneId zone = clock.getIfAvailable(java.time.Clock::systemDefaultZone).getZone();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.message(messages, locale, zone));
        problem.setType(URI.create("urn:insurecrm:problem:rules-changed"));
        problem.setTitle("The rules were saved by someone else since");
        problem.setProperty("activeVersion", e.activeVersion());
        problem.setProperty("activeBy", e.savedBy());
        problem.setProperty("activeAt", e.savedAt());
        problem.setProperty("basedOnVersion", e.basedOn());
        return problem;
    }

    @ExceptionHandler(BindException.class)
    ProblemDetail invalid(BindException e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("problem.invalid", null, "Invalid request", locale));
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle("Invalid request");
        List<Map<String, Object>> errors = e.getBindingResult().getAllErrors().stream().map(error -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (error instanceof FieldError field) {
                entry.put("field", field.getField());
                entry.put("rejectedValue", field.getRejectedValue() == null ? null : String.valueOf(field.getRejectedValue()));
            } else {
                entry.put("field", error.getObjectName());
            }
            entry.put("message", messages.getMessage(error, locale));
            return entry;
        }).toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Field rules of a command checked below the controller (e.g. a correction of a customer's data). */
    @ExceptionHandler(io.insurecrm.platform.personaldata.InvalidFields.class)
    ProblemDetail invalidFields(io.insurecrm.platform.personaldata.InvalidFields e) {
        return invalid(new BindException(e.result()));
    }

    /** A body that is not JSON, or a value of the wrong type (an unknown enum constant, text for a number). */
    @ExceptionHandler({org.springframework.http.converter.HttpMessageNotReadableException.class,
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
            org.springframework.web.bind.MissingServletRequestParameterException.class})
    ProblemDetail unreadable(Exception e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("problem.unreadable", null, "The request could not be read", locale));
        problem.setType(URI.create("urn:insurecrm:problem:unreadable"));
        problem.setTitle("Unreadable request");
        String field = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName()
                : e instanceof org.springframework.web.bind.MissingServletRequestParameterException missing
                ? missing.getParameterName() : unreadableField(e);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field,
                    "message", messages.getMessage("problem.unreadable.field", new Object[] {field}, "Invalid value", locale))));
        }
        return problem;
    }

    /** The JSON path of the value that could not be read, when the JSON library names it. */
    private static String unreadableField(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.databind.DatabindException databind && !databind.getPath().isEmpty()) {
                return databind.getPath().stream()
                        .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
            }
        }
        return null;
    }

    @ExceptionHandler(FieldRuleViolation.class)
    ProblemDetail rule(FieldRuleViolation e) {
        Locale locale = LocaleContextHolder.getLocale();
        String message = messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", message)));
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                messages.getMessage(e.messageKey(), new Object[] {e.id()}, e.messageKey(), locale));
        problem.setType(URI.create("urn:insurecrm:problem:not-found"));
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        return problem;
    }

    @ExceptionHandler(IllegalStateTransitionException.class)
    ProblemDetail conflict(IllegalStateTransitionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("urn:insurecrm:problem:illegal-transition"));
        problem.setTitle("Illegal state transition");
        return problem;
    }

    @ExceptionHandler(org.springframework.dao.OptimisticLockingFailureException.class)
    ProblemDetail stale(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The record was changed by someone else; reload and try again.");
        problem.setTitle("Concurrent change");
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected API error, reference {}", reference, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected error, reference " + reference);
        problem.setProperty("reference", reference);
        return problem;
    }
}
