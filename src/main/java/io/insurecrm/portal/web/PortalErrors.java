package io.insurecrm.portal.web;

import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.portal.CustomerPrincipal;
import io.insurecrm.portal.PortalRefused;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Errors on portal pages: the portal's own friendly page (never the staff layout, never a stack trace). */
@ControllerAdvice(assignableTypes = {PortalPages.class, PortalServicePages.class})
@Order(1)
class PortalErrors {

    private static final Logger log = LoggerFactory.getLogger(PortalErrors.class);

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(404);
        return page(model, "portal.error.notFound", null);
    }

    @ExceptionHandler(PortalRefused.class)
    String refused(PortalRefused e, Model model, HttpServletResponse response) {
        response.setStatus(409);
        return page(model, e.messageKey(), e.arguments());
    }

    @ExceptionHandler(AccessDeniedException.class)
    String denied(AccessDeniedException e, Model model, HttpServletResponse response) {
        response.setStatus(403);
        return page(model, "portal.error.denied", null);
    }

    @ExceptionHandler({org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class})
    String badRequest(Exception e, Model model, HttpServletResponse response) {
        response.setStatus(400);
        return page(model, "portal.error.badRequest", null);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletResponse response) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected portal error, reference {}", reference, e);
        response.setStatus(500);
        return page(model, "portal.error.unexpected", new Object[] {reference});
    }

    private static String page(Model model, String key, Object[] args) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("me", authentication != null && authentication.getPrincipal() instanceof CustomerPrincipal c ? c : null);
        model.addAttribute("errorKey", key);
        model.addAttribute("errorArgs", args);
        return "portal/error";
    }
}
