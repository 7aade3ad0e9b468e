package io.insurecrm.segmentation.web;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.segmentation.CustomerTags;
import io.insurecrm.segmentation.InvalidSegmentRules;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The tag form on the Customer 360: set a manual tag, remove one; back to the 360 page with a message. */
@Controller
class CustomerTagsForm {

    private final CustomerTags tags;
    private final MessageSource messages;

    CustomerTagsForm(CustomerTags tags, MessageSource messages) {
        this.tags = tags;
        this.messages = messages;
    }

    @PostMapping("/customers/{customerId}/tags")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    String add(@PathVariable("customerId") long customerId, @RequestParam(name = "dimension", required = false) String dimension,
               @RequestParam(name = "tag", required = false) String tag, @RequestParam(name = "note", required = false) String note,
               RedirectAttributes redirect, Locale locale) {
        String by = CurrentStaff.username();
        try {
            tags.add(customerId, dimension, tag, note, by, CurrentStaff.scope());
            redirect.addFlashAttribute("flash", messages.getMessage("segmentation.tag.added", new Object[] {tag}, locale));
        } catch (InvalidSegmentRules e) {
            redirect.addFlashAttribute("flashError", e.problems().stream()
                    .map(p -> messages.getMessage(p.code(), p.arguments().toArray(), p.code(), locale))
                    .collect(Collectors.joining("; ")));
        }
        return "redirect:/customers/" + customerId + "#tags";
    }

    @PostMapping("/customers/{customerId}/tags/{tagId}/removal")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    String remove(@PathVariable("customerId") long customerId, @PathVariable("tagId") long tagId) {
        String by = CurrentStaff.username();
        tags.remove(customerId, tagId, by, CurrentStaff.scope());
        return "redirect:/customers/" + customerId + "#tags";
    }
}
