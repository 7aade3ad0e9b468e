package io.insurecrm.customerview.web;

import io.insurecrm.customer.CustomerNotFound;
import io.insurecrm.customerview.Customer360;
import io.insurecrm.customerview.CustomerView;
import io.insurecrm.customerview.TagLine;
import io.insurecrm.interaction.InteractionChannel;
import io.insurecrm.interaction.InteractionForm;
import io.insurecrm.interaction.InteractionType;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import io.insurecrm.privacy.ConsentSource;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The Customer 360 page. A customer outside the caller's scope gets the 404 page, like a missing one. */
@Controller
class CustomerPage {

    /** What the page shows of the customer's personal data, as the audit trail names it. */
    static final List<String> FIELDS_SHOWN = List.of("profile", "id_number_masked", "bank_account_masked", "phone", "household", "policies",
            "claims", "interactions");

    private final CustomerView view;
    private final AccessAudit audit;
    private final ConsentRegistry consents;
    private final Clock clock;
    private final MessageSource messages;

    CustomerPage(CustomerView view, AccessAudit audit, ConsentRegistry consents, Clock clock, MessageSource messages) {
        this.view = view;
        this.audit = audit;
        this.consents = consents;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping("/customers/{customerId:\\d+}")
    String show(@PathVariable long customerId,
                @org.springframework.web.bind.annotation.RequestParam(required = false) Long mergedFrom, Locale locale,
                Model model) {
        long shown = view.shownAs(customerId, CurrentStaff.scope()).orElseThrow(() -> CustomerNotFound.withId(customerId));
        if (shown != customerId) {
            return "redirect:/customers/" + shown + "?mergedFrom=" + customerId;
        }
        model.addAttribute("mergedFrom", mergedFrom);
        // the view is recorded while the page's data is read; nothing is shown before the record is committed
        AccessAudit.Recording recording = audit.begin(AuditAction.VIEW_CUSTOMER, customerId, FIELDS_SHOWN, null);
        Customer360 customer = view.of(customerId, CurrentStaff.scope());
        model.addAttribute("c360", customer);
        model.addAttribute("profile", customer.profile());
        model.addAttribute("tagReasons", customer.tags().stream().filter(t -> !t.manual())
                .collect(Collectors.toMap(TagLine::id, t -> t.reason(messages, locale))));
        // the interaction panel of the interaction module
        model.addAttribute("customerId", customerId);
        model.addAttribute("interactions", customer.interactions());
        model.addAttribute("interactionForm", InteractionForm.startingAt(LocalDateTime.now(clock)));
        model.addAttribute("interactionTypes", InteractionType.values());
        model.addAttribute("interactionChannels", InteractionChannel.values());
        model.addAttribute("zone", clock.getZone());
        // the consent section of the privacy module
        model.addAttribute("consents", consents.current(customerId, CurrentStaff.scope()));
        model.addAttribute("consentPurposes", ConsentPurpose.values());
        model.addAttribute("consentSources", ConsentSource.staffSources());
        recording.await();
        return "customerview/customer360";
    }
}
