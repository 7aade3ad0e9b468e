package io.insurecrm.engagement.web;

import io.insurecrm.engagement.CustomerLanguages;
import io.insurecrm.engagement.EngagementRefused;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.StaffPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The language a customer reads his messages in (zh-CN by default, en when he prefers English). */
@RestController
@RequestMapping("/api/engagement/customers/{customerId}/language")
@Tag(name = "Engagement", description = "Triggers, tasks, templates, the outbox's message log (docs/engagement.md)")
class CustomerLanguageApi {

    private final CustomerLanguages languages;
    private final MessageSource texts;

    CustomerLanguageApi(CustomerLanguages languages, MessageSource texts) {
        this.languages = languages;
        this.texts = texts;
    }

    @ExceptionHandler(EngagementRefused.class)
    ProblemDetail refused(EngagementRefused e, Locale locale) {
        return Refusals.problem(e, texts, locale);
    }

    record Choice(String locale) {
    }

    @GetMapping
    @Operation(summary = "The customer's message language and whether he chose it (false = the default)")
    CustomerLanguages.Language language(@PathVariable("customerId") long customerId) {
        return languages.of(customerId, CurrentStaff.scope());
    }

    @PostMapping
    @Operation(summary = "Set the customer's message language (zh-CN or en); 400 names a refused value")
    CustomerLanguages.Language set(@PathVariable("customerId") long customerId, @RequestBody Choice body) {
        StaffPrincipal staff = CurrentStaff.get().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
        return languages.set(customerId, body == null ? null : body.locale(), staff.username(), CurrentStaff.scope());
    }
}
