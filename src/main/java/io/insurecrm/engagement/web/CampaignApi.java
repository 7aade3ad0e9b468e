package io.insurecrm.engagement.web;

import io.insurecrm.engagement.Campaign;
import io.insurecrm.engagement.CampaignDraft;
import io.insurecrm.engagement.CampaignPreview;
import io.insurecrm.engagement.CampaignResults;
import io.insurecrm.engagement.Campaigns;
import io.insurecrm.engagement.EngagementRefused;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.privacy.AccessAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Campaigns over the API: drafts, preview, launch, schedule, cancel and results. Marketing staff (branch managers)
 * and admins run them; analysts and compliance read definitions and results, which hold no personal data.
 */
@RestController
@RequestMapping("/api/engagement/campaigns")
@Tag(name = "Engagement campaigns", description = "Campaigns to a segment, tag or target list with A/B variants (docs/engagement.md)")
class CampaignApi {

    static final String RUNNERS = "hasAnyRole('BRANCH_MANAGER','ADMIN')";
    static final String READERS = "hasAnyRole('BRANCH_MANAGER','ANALYST','COMPLIANCE','ADMIN')";

    private final Campaigns campaigns;
    private final AccessAudit audit;
    private final MessageSource texts;
    private final SmallCellRule smallCells;

    CampaignApi(Campaigns campaigns, AccessAudit audit, MessageSource texts, SmallCellRule smallCells) {
        this.campaigns = campaigns;
        this.audit = audit;
        this.texts = texts;
        this.smallCells = smallCells;
    }

    record Schedule(Instant at) {
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "The campaigns in the caller's scope, newest first")
    List<Campaign> list() {
        return campaigns.list(CurrentStaff.scope());
    }

    @PostMapping
    @PreAuthorize(RUNNERS)
    @Operation(summary = "Create a draft; 400 names each refused field (variants must sum to 100, templates in both languages)")
    ResponseEntity<Campaign> create(@RequestBody CampaignDraft body) {
        Campaign campaign = campaigns.create(body, staff().username(), CurrentStaff.scope());
        return ResponseEntity.created(URI.create("/api/engagement/campaigns/" + campaign.id())).body(campaign);
    }

    @GetMapping("/{campaignId}")
    @PreAuthorize(READERS)
    @Operation(summary = "A campaign's definition and state")
    Campaign find(@PathVariable("campaignId") long campaignId) {
        return campaigns.find(campaignId, CurrentStaff.scope());
    }

    @PutMapping("/{campaignId}")
    @PreAuthorize(RUNNERS)
    @Operation(summary = "Replace a draft's definition")
    Campaign update(@PathVariable("campaignId") long campaignId, @RequestBody CampaignDraft body) {
        return campaigns.update(campaignId, body, staff().username(), CurrentStaff.scope());
    }

    @GetMapping("/{campaignId}/preview")
    @PreAuthorize(RUNNERS)
    @Operation(summary = "What a launch would do now: audience, skipped per reason, per variant, a sample of rendered messages (audited)")
    CampaignPreview preview(@PathVariable("campaignId") long campaignId) {
        CampaignPreview preview = campaigns.preview(campaignId, CurrentStaff.scope());
        CampaignPages.auditSample(audit, preview);
        return preview;
    }

    @PostMapping("/{campaignId}/launch")
    @PreAuthorize(RUNNERS)
    @Operation(summary = "Launch now: the audience queued in the outbox in one statement; a second launch is refused and sends nothing")
    Campaigns.Launch launch(@PathVariable("campaignId") long campaignId) {
        return campaigns.launch(campaignId, staff().username(), CurrentStaff.scope());
    }

    @PostMapping("/{campaignId}/schedule")
    @PreAuthorize(RUNNERS)
    @Operation(summary = "Schedule a draft for a time in the future")
    Campaign schedule(@PathVariable("campaignId") long campaignId, @RequestBody Schedule body) {
        return campaigns.schedule(campaignId, body == null ? null : body.at(), staff().username(), CurrentStaff.scope());
    }

    @PostMapping("/{campaignId}/cancel")
    @PreAuthorize(RUNNERS)
    @Operation(summary = "Cancel; the messages of a running campaign still waiting are suppressed")
    Campaign cancel(@PathVariable("campaignId") long campaignId) {
        return campaigns.cancel(campaignId, staff().username(), CurrentStaff.scope());
    }

    @GetMapping("/{campaignId}/results")
    @PreAuthorize(READERS)
    @Operation(summary = "Sent, delivered, failed, responders and response rate per variant, with a two-proportion z-test against variant A")
    CampaignResults results(@PathVariable("campaignId") long campaignId) {
        return campaigns.results(campaignId, CurrentStaff.scope()).withSmallCellsWithheld(smallCells);
    }

    @ExceptionHandler(EngagementRefused.class)
    ProblemDetail refused(EngagementRefused e, Locale locale) {
        return Refusals.problem(e, texts, locale);
    }

    private static StaffPrincipal staff() {
        return CurrentStaff.get().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
    }
}
