package io.insurecrm.privacy.web;

import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.privacy.ApiTokenScope;
import io.insurecrm.privacy.ApiTokens;
import io.insurecrm.privacy.TokenRotationRefused;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin page for API tokens: the new token is shown on the answer to its creation, once. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ApiTokenPages {

    private final ApiTokens tokens;
    private final MessageSource messages;
    private final Clock clock;

    ApiTokenPages(ApiTokens tokens, MessageSource messages, Clock clock) {
        this.tokens = tokens;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/privacy/tokens")
    String list(Model model) {
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("scopes", ApiTokenScope.values());
        model.addAttribute("branches", tokens.branches());
        model.addAttribute("now", clock.instant());
        model.addAttribute("zone", clock.getZone());
        return "privacy/tokens";
    }

    @PostMapping("/privacy/tokens")
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) List<String> scopes,
                  @RequestParam(defaultValue = "90") int validDays,
                  @RequestParam(defaultValue = "" + ApiTokens.DEFAULT_REQUESTS_PER_MINUTE) int requestsPerMinute,
                  @RequestParam(required = false) Long branchId, Model model) {
        try {
            model.addAttribute("created", tokens.create(name, scopes == null ? null : new LinkedHashSet<>(scopes), validDays,
                    requestsPerMinute, branchId));
        } catch (FieldRuleViolation e) {
            refused(e, model);
        }
        return list(model);
    }

    /**
     * Rotates a token: the successor's secret is shown once on the answer; the old token is revoked now (no time given)
     * or at the local date and time given (at most 7 days ahead).
     */
    @PostMapping("/privacy/tokens/{id}/rotation")
    String rotate(@PathVariable long id, @RequestParam(required = false) String revokeAt, Model model) {
        try {
            Instant at = null;
            if (revokeAt != null && !revokeAt.isBlank()) {
                try {
                    at = LocalDateTime.parse(revokeAt.strip()).atZone(clock.getZone()).toInstant();
                } catch (DateTimeParseException e) {
                    throw new FieldRuleViolation("revokeAt", "tokens.revokeAt.invalid", ApiTokens.MAX_OVERLAP.toDays());
                }
            }
            ApiTokens.Rotated rotated = tokens.rotate(id, at);
            model.addAttribute("created", rotated.successor());
            model.addAttribute("rotated", rotated.previous());
        } catch (FieldRuleViolation e) {
            refused(e, model);
        } catch (TokenRotationRefused e) {
            model.addAttribute("error", RightsProblems.reason(messages, e));
        }
        return list(model);
    }

    private void refused(FieldRuleViolation e, Model model) {
        model.addAttribute("error", messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), LocaleContextHolder.getLocale()));
        model.addAttribute("errorField", e.field());
    }

    @PostMapping("/privacy/tokens/{id}/revocation")
    String revoke(@PathVariable long id) {
        tokens.revoke(id);
        return "redirect:/privacy/tokens";
    }
}
