package io.insurecrm.portal.web;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.portal.CallbackRequests;
import io.insurecrm.portal.ServiceAssistant;
import io.insurecrm.privacy.AccessAudit;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages behind the portal: the assistant's FAQ (admins and branch managers edit it) and open callback requests. */
@Controller
@RequestMapping("/portal-admin")
class PortalAdminPages {

    private final ServiceAssistant assistant;
    private final CallbackRequests callbacks;
    private final AccessAudit audit;

    PortalAdminPages(ServiceAssistant assistant, CallbackRequests callbacks, AccessAudit audit) {
        this.assistant = assistant;
        this.callbacks = callbacks;
        this.audit = audit;
    }

    @GetMapping("/faq")
    @PreAuthorize("hasAnyRole('BRANCH_MANAGER','ADMIN')")
    String faq(@RequestParam(required = false) String edit, Model model) {
        model.addAttribute("entries", assistant.faq());
        model.addAttribute("clauses", assistant.clauses());
        ServiceAssistant.FaqEntry selected = edit == null ? null
                : assistant.faq().stream().filter(e -> e.code().equals(edit)).findFirst().orElse(null);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", selected != null ? selected : new ServiceAssistant.FaqEntry("", "", "", "", "", null));
        }
        return "portal/admin-faq";
    }

    @PostMapping("/faq")
    @PreAuthorize("hasAnyRole('BRANCH_MANAGER','ADMIN')")
    String save(@RequestParam(required = false) String code, @RequestParam(required = false) String line,
                @RequestParam(required = false) String question, @RequestParam(required = false) String answer,
                @RequestParam(required = false) String clauseCode, Model model, RedirectAttributes redirect) {
        ServiceAssistant.FaqEntry entry = new ServiceAssistant.FaqEntry(code, line, question, answer, clauseCode, null);
        try {
            assistant.save(entry, CurrentStaff.get().map(StaffPrincipal::username).orElse("staff"));
        } catch (FieldRuleViolation e) {
            model.addAttribute("form", entry);
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("errorArgs", e.arguments());
            return faq(null, model);
        }
        redirect.addFlashAttribute("saved", code);
        return "redirect:/portal-admin/faq";
    }

    @GetMapping("/callbacks")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','COMPLIANCE','ADMIN')")
    String callbacks(Model model) {
        List<CallbackRequests.CallbackRequest> open = callbacks.open(CurrentStaff.scope());
        // the list names the customers and what they asked: a read of personal data like any customer list
        audit.recordListing(open.stream().map(CallbackRequests.CallbackRequest::customerId).toList(),
                List.of("name", "callback.subject", "callback.detail"), "portal callback requests");
        model.addAttribute("requests", open);
        return "portal/admin-callbacks";
    }
}
