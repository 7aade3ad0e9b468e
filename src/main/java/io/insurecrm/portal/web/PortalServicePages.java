package io.insurecrm.portal.web;

import io.insurecrm.customer.Relationship;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.portal.CallbackRequests;
import io.insurecrm.portal.CustomerPrincipal;
import io.insurecrm.portal.HealthReadings;
import io.insurecrm.portal.PortalProfile;
import io.insurecrm.portal.PortalRefused;
import io.insurecrm.portal.PortalSettings;
import io.insurecrm.portal.ServiceAssistant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The portal's service pages: the assistant, contact details and family, and health readings. */
@Controller
@RequestMapping("/portal")
class PortalServicePages {

    private final ServiceAssistant assistant;
    private final CallbackRequests callbacks;
    private final PortalProfile profile;
    private final HealthReadings health;
    private final PortalSettings settings;

    PortalServicePages(ServiceAssistant assistant, CallbackRequests callbacks, PortalProfile profile, HealthReadings health,
                       PortalSettings settings) {
        this.assistant = assistant;
        this.callbacks = callbacks;
        this.profile = profile;
        this.health = health;
        this.settings = settings;
    }

    @GetMapping("/assistant")
    String assistant(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("settings", settings);
        return "portal/assistant";
    }

    @PostMapping("/assistant")
    String ask(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) String question, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("settings", settings);
        try {
            model.addAttribute("answer", assistant.answer(me.customerId(), question));
            model.addAttribute("question", question);
        } catch (PortalRefused e) {
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("errorArgs", e.arguments());
            model.addAttribute("question", question != null && question.length() > settings.questionMaxChars()
                    ? question.substring(0, settings.questionMaxChars()) : question);
        }
        return "portal/assistant";
    }

    @PostMapping("/assistant/callback")
    String callback(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) String question,
                    RedirectAttributes redirect) {
        String subject = question == null || question.isBlank() ? "-" : question.strip();
        if (subject.length() > settings.questionMaxChars()) {
            throw new PortalRefused("portal.assistant.tooLong", settings.questionMaxChars(), subject.length());
        }
        callbacks.request(me.customerId(), CallbackRequests.Kind.QUESTION, subject, null);
        redirect.addFlashAttribute("callbackRequested", true);
        return "redirect:/portal/assistant";
    }

    @GetMapping("/profile")
    String profile(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("customer", profile.customer(me.customerId()));
        model.addAttribute("household", profile.household(me.customerId()).orElse(null));
        model.addAttribute("relationships", java.util.List.of(Relationship.SPOUSE, Relationship.CHILD, Relationship.PARENT,
                Relationship.OTHER));
        return "portal/profile";
    }

    @PostMapping("/profile/contact")
    String contact(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) String phone,
                   @RequestParam(required = false) String city, Model model, RedirectAttributes redirect) {
        try {
            profile.updateContact(me.customerId(), phone, city);
        } catch (FieldRuleViolation e) {
            return profileWithError(me, model, e);
        }
        redirect.addFlashAttribute("saved", "contact");
        return "redirect:/portal/profile";
    }

    @PostMapping("/profile/family")
    String family(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String idNumber, @RequestParam(required = false) Relationship relationship,
                  Model model, RedirectAttributes redirect) {
        try {
            profile.addFamilyMember(me.customerId(), name, idNumber, relationship);
        } catch (FieldRuleViolation e) {
            return profileWithError(me, model, e);
        }
        redirect.addFlashAttribute("saved", "family");
        return "redirect:/portal/profile";
    }

    private String profileWithError(CustomerPrincipal me, Model model, FieldRuleViolation e) {
        model.addAttribute("errorField", e.field());
        model.addAttribute("errorKey", e.messageKey());
        model.addAttribute("errorArgs", e.arguments());
        return profile(me, model);
    }

    @GetMapping("/health")
    String health(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("readings", health.of(me.customerId()));
        model.addAttribute("settings", settings);
        return "portal/health";
    }

    @PostMapping("/health")
    String reading(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) Integer systolic,
                   @RequestParam(required = false) Integer diastolic, Model model, RedirectAttributes redirect) {
        try {
            boolean care = health.record(me.customerId(), systolic, diastolic);
            redirect.addFlashAttribute("recorded", true);
            redirect.addFlashAttribute("careRequested", care);
            return "redirect:/portal/health";
        } catch (FieldRuleViolation e) {
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("errorArgs", e.arguments());
        } catch (PortalRefused e) {
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("errorArgs", e.arguments());
        }
        return health(me, model);
    }
}
