package io.insurecrm.privacy.web;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.privacy.ConsentRegistry;
import io.insurecrm.privacy.ConsentSource;
import io.insurecrm.privacy.SensitiveData;
import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The consent section of the Customer 360 page posts here (POST-redirect-GET back to the page), and so does the
 * reveals of the ID number and of the bank account. The section itself is the fragment {@code privacy/consent :: panel}.
 */
@Controller
@PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
class ConsentPages {

    private final ConsentRegistry consents;
    private final SensitiveData sensitiveData;

    ConsentPages(ConsentRegistry consents, SensitiveData sensitiveData) {
        this.consents = consents;
        this.sensitiveData = sensitiveData;
    }

    @PostMapping("/customers/{customerId:\\d+}/consents")
    String record(@PathVariable long customerId, @Valid @ModelAttribute("consentForm") ConsentForm form, BindingResult errors,
                  RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            redirect.addFlashAttribute("consentError", "consent.form.invalid");
        } else if (form.source() == ConsentSource.PORTAL) {
            redirect.addFlashAttribute("consentError", "consent.source.portalOnly");
        } else if (form.granted()) {
            consents.grant(customerId, form.purpose(), form.source(), form.noticeVersion(), CurrentStaff.scope());
            redirect.addFlashAttribute("consentNotice", "consent.saved");
        } else {
            consents.withdraw(customerId, form.purpose(), form.source(), form.noticeVersion(), CurrentStaff.scope());
            redirect.addFlashAttribute("consentNotice", "consent.saved");
        }
        return "redirect:/customers/" + customerId + "#consent";
    }

    /** The full ID number, shown once on the page the redirect leads to, for the reason typed (required, audited). */
    @PostMapping("/customers/{customerId:\\d+}/id-number/reveal")
    String revealIdNumber(@PathVariable long customerId, @RequestParam(required = false) String reason,
                          RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("revealedIdNumber",
                    sensitiveData.revealIdNumber(customerId, reason, "360 page", CurrentStaff.scope()));
        } catch (FieldRuleViolation e) {
            redirect.addFlashAttribute("revealIdError", e.messageKey());
        }
        return "redirect:/customers/" + customerId + "#consent";
    }

    /** The full bank account number, shown once, for the reason typed (required, audited with the reveal). */
    @PostMapping("/customers/{customerId:\\d+}/bank-account/reveal")
    String revealBankAccount(@PathVariable long customerId, @RequestParam(required = false) String reason,
                             RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("revealedBankAccount",
                    sensitiveData.revealBankAccount(customerId, reason, "360 page", CurrentStaff.scope()));
        } catch (FieldRuleViolation e) {
            redirect.addFlashAttribute("revealError", e.messageKey());
        }
        return "redirect:/customers/" + customerId + "#consent";
    }
}
