package io.insurecrm.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Errors on staff pages: a friendly page with a reference id, never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
@Order(10)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        withLayout(model);
        response.setStatus(404);
        model.addAttribute("messageKey", e.messageKey());
        model.addAttribute("recordId", e.id());
        return "error/404";
    }

    @ExceptionHandler(AccessDeniedException.class)
    String denied(Model model, HttpServletResponse response) {
        withLayout(model);
        response.setStatus(403);
        return "error/403";
    }

    /** A page called without a parameter it needs, or with one of the wrong type: the caller's mistake, not ours. */
    @ExceptionHandler({org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class})
    String badRequest(Exception e, Model model, HttpServletResponse response) {
        withLayout(model);
        response.setStatus(400);
        model.addAttribute("reference", e.getMessage());
        return "error/4xx";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletResponse response) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error, reference {}", reference, e);
        withLayout(model);
        response.setStatus(500);
        model.addAttribute("reference", reference);
        return "error/5xx";
    }

    /** Exception views get a fresh model: put back what the layout shows (the signed-in staff member). */
    private static void withLayout(Model model) {
        model.addAttribute("currentStaff", io.insurecrm.platform.security.CurrentStaff.get().orElse(null));
    }
}
