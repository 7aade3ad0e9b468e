package io.insurecrm.interaction.web;

import io.insurecrm.interaction.InteractionChannel;
import io.insurecrm.interaction.InteractionForm;
import io.insurecrm.interaction.InteractionLog;
import io.insurecrm.interaction.InteractionType;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.FieldRuleViolation;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The interaction panel of the Customer 360 page, driven by htmx: logging an interaction re-renders the panel
 * (form and timeline); "load more" appends the next page of the timeline. Without htmx a successful POST
 * redirects back to the customer's page.
 */
@Controller
class InteractionPages {

    private final InteractionLog log;
    private final Clock clock;
    private final io.insurecrm.privacy.AccessAudit audit;

    InteractionPages(InteractionLog log, Clock clock, io.insurecrm.privacy.AccessAudit audit) {
        this.log = log;
        this.clock = clock;
        this.audit = audit;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("interactionTypes", InteractionType.values());
        model.addAttribute("interactionChannels", InteractionChannel.values());
        model.addAttribute("zone", clock.getZone());
    }

    /** The next page of the timeline, as list items followed by the next "load more" button. */
    @GetMapping("/customers/{customerId:\\d+}/interactions")
    String more(@PathVariable long customerId, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("customerId", customerId);
        model.addAttribute("interactions", log.list(customerId, CurrentStaff.scope(), page, InteractionLog.TIMELINE_PAGE_SIZE));
        audit.record(io.insurecrm.privacy.AuditAction.VIEW_CUSTOMER, customerId, java.util.List.of("interactions"),
                "interactions page " + page);
        return "interaction/panel :: entries";
    }

    @PostMapping("/customers/{customerId:\\d+}/interactions")
    String record(@PathVariable long customerId, @Valid @ModelAttribute("interactionForm") InteractionForm form,
                  BindingResult result, Model model,
                  @RequestHeader(name = "HX-Request", required = false) String htmx) {
        if (!result.hasErrors()) {
            try {
                log.record(customerId, form, CurrentStaff.scope());
                if (htmx == null) {
                    return "redirect:/customers/" + customerId + "#interactions";
                }
                model.addAttribute("interactionForm", InteractionForm.startingAt(LocalDateTime.now(clock)));
                model.addAttribute("interactionRecorded", true);
            } catch (FieldRuleViolation e) {
                e.rejectOn(result);
            }
        }
        model.addAttribute("customerId", customerId);
        model.addAttribute("interactions", log.list(customerId, CurrentStaff.scope(), 0, InteractionLog.TIMELINE_PAGE_SIZE));
        return htmx == null && result.hasErrors() ? "interaction/form-page" : "interaction/panel :: panel";
    }
}
