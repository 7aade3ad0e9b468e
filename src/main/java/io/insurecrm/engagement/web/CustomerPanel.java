package io.insurecrm.engagement.web;

import io.insurecrm.engagement.CustomerLanguages;
import io.insurecrm.engagement.EngagementRefused;
import io.insurecrm.engagement.MessageLog;
import io.insurecrm.engagement.MessageTemplate;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The engagement panel of the Customer 360 (htmx): the language the customer reads messages in, editable by the
 * servicing staff, and his message log.
 */
@Controller
class CustomerPanel {

    private final CustomerLanguages languages;
    private final MessageLog log;
    private final AccessAudit audit;

    CustomerPanel(CustomerLanguages languages, MessageLog log, AccessAudit audit) {
        this.languages = languages;
        this.log = log;
        this.audit = audit;
    }

    @GetMapping("/engagement/fragments/customers/{customerId}/panel")
    String panel(@PathVariable("customerId") long customerId, Model model) {
        model.addAttribute("language", languages.of(customerId, CurrentStaff.scope()));
        model.addAttribute("messages", log.ofCustomer(customerId, CurrentStaff.scope()));
        audit.record(AuditAction.VIEW_CUSTOMER, customerId, List.of("engagement_language", "engagement_message"), null);
        return render(customerId, model);
    }

    @PostMapping("/engagement/customers/{customerId}/language")
    String setLanguage(@PathVariable("customerId") long customerId,
                       @RequestParam(name = "locale", required = false) String locale, Model model) {
        try {
            model.addAttribute("language", languages.set(customerId, locale, staff().username(), CurrentStaff.scope()));
            model.addAttribute("saved", true);
        } catch (EngagementRefused e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("language", languages.of(customerId, CurrentStaff.scope()));
        }
        model.addAttribute("messages", log.ofCustomer(customerId, CurrentStaff.scope()));
        return render(customerId, model);
    }

    private String render(long customerId, Model model) {
        model.addAttribute("customerId", customerId);
        model.addAttribute("locales", MessageTemplate.LOCALES);
        model.addAttribute("mayEdit", CurrentStaff.get().map(s -> s.role() != Role.COMPLIANCE && s.role() != Role.ANALYST).orElse(false));
        return "engagement/panel :: panel";
    }

    private static StaffPrincipal staff() {
        return CurrentStaff.get().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
    }
}
