package io.insurecrm.engagement.web;

import io.insurecrm.engagement.Campaign;
import io.insurecrm.engagement.CampaignAudience;
import io.insurecrm.engagement.CampaignDraft;
import io.insurecrm.engagement.CampaignPreview;
import io.insurecrm.engagement.CampaignResults;
import io.insurecrm.engagement.Campaigns;
import io.insurecrm.engagement.Channel;
import io.insurecrm.engagement.EngagementRefused;
import io.insurecrm.engagement.MessagePurpose;
import io.insurecrm.engagement.MessageTemplate;
import io.insurecrm.engagement.MessageTemplates;
import io.insurecrm.engagement.SkipReason;
import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.product.ProductLine;
import io.insurecrm.segmentation.Dimension;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /engagement/campaigns: the list and the form of a new campaign, a campaign with its results (no personal data, so
 * analysts may read it), its preview with a sample of rendered messages (marketing staff, audited), launch, schedule,
 * cancel, and the results as CSV.
 */
@Controller
class CampaignPages {

    private final Campaigns campaigns;
    private final MessageTemplates templates;
    private final AccessAudit audit;
    private final Clock clock;
    private final SmallCellRule smallCells;

    CampaignPages(Campaigns campaigns, MessageTemplates templates, AccessAudit audit, Clock clock, SmallCellRule smallCells) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
        this.smallCells = smallCells;
    }

    /** Records that a preview showed these customers' names and messages (one listing row per customer). */
    static void auditSample(AccessAudit audit, CampaignPreview preview) {
        audit.recordListing(preview.sample().stream().map(CampaignPreview.Sample::customerId).toList(),
                List.of("name", "engagement_campaign.preview"), "campaign " + preview.campaignId() + " preview sample");
    }

    @GetMapping("/engagement/campaigns")
    @PreAuthorize(CampaignApi.READERS)
    String list(Model model) {
        model.addAttribute("campaigns", campaigns.list(CurrentStaff.scope()));
        return form(model, new CampaignDraft(null, MessagePurpose.MARKETING, Channel.SMS, CampaignAudience.Kind.SEGMENT,
                "VALUE", null, null, List.of(new CampaignDraft.VariantDraft(null, 50), new CampaignDraft.VariantDraft(null, 50)),
                null, 30));
    }

    private String form(Model model, CampaignDraft draft) {
        model.addAttribute("draft", draft);
        model.addAttribute("mayRun", mayRun());
        model.addAttribute("purposes", List.of(MessagePurpose.MARKETING, MessagePurpose.SERVICE));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("kinds", CampaignAudience.Kind.values());
        List<String> dimensions = new ArrayList<>(Arrays.stream(Dimension.values()).map(Enum::name).toList());
        CampaignDraft.TAG_DIMENSIONS.stream().filter(d -> !dimensions.contains(d)).forEach(dimensions::add);
        model.addAttribute("dimensions", dimensions);
        model.addAttribute("lines", ProductLine.values());
        model.addAttribute("templateCodes", templates.all().stream().map(MessageTemplate::code).distinct().toList());
        model.addAttribute("slots", List.of(0, 1, 2, 3, 4));
        model.addAttribute("tab", "campaigns");
        return "engagement/campaigns";
    }

    @PostMapping("/engagement/campaigns")
    @PreAuthorize(CampaignApi.RUNNERS)
    String create(@RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "purpose", required = false) MessagePurpose purpose,
                  @RequestParam(name = "channel", required = false) Channel channel,
                  @RequestParam(name = "audienceKind", required = false) CampaignAudience.Kind kind,
                  @RequestParam(name = "audienceDimension", required = false) String dimension,
                  @RequestParam(name = "audienceCode", required = false) String code,
                  @RequestParam(name = "audienceTop", required = false) String top,
                  @RequestParam(name = "template", required = false) List<String> templateCodes,
                  @RequestParam(name = "percent", required = false) List<String> percents,
                  @RequestParam(name = "responseLine", required = false) String responseLine,
                  @RequestParam(name = "responseDays", required = false) String responseDays,
                  Model model) {
        List<CampaignDraft.VariantDraft> variants = new ArrayList<>();
        int n = Math.max(templateCodes == null ? 0 : templateCodes.size(), percents == null ? 0 : percents.size());
        for (int i = 0; i < n; i++) {
            variants.add(new CampaignDraft.VariantDraft(templateCodes != null && i < templateCodes.size() ? templateCodes.get(i) : null,
                    percents != null && i < percents.size() ? number(percents.get(i)) : null));
        }
        CampaignDraft draft = new CampaignDraft(name, purpose, channel, kind, dimension, code, number(top), variants,
                responseLine, number(responseDays));
        try {
            Campaign campaign = campaigns.create(draft, staff().username(), CurrentStaff.scope());
            return "redirect:/engagement/campaigns/" + campaign.id();
        } catch (EngagementRefused e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("campaigns", campaigns.list(CurrentStaff.scope()));
            return form(model, draft);
        }
    }

    private static Integer number(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @GetMapping("/engagement/campaigns/{campaignId}")
    @PreAuthorize(CampaignApi.READERS)
    String campaign(@PathVariable("campaignId") long campaignId, Model model) {
        model.addAttribute("campaign", campaigns.find(campaignId, CurrentStaff.scope()));
        model.addAttribute("results", campaigns.results(campaignId, CurrentStaff.scope()).withSmallCellsWithheld(smallCells));
        model.addAttribute("reasons", SkipReason.values());
        model.addAttribute("mayRun", mayRun());
        model.addAttribute("tab", "campaigns");
        return "engagement/campaign";
    }

    @GetMapping("/engagement/campaigns/{campaignId}/preview")
    @PreAuthorize(CampaignApi.RUNNERS)
    String preview(@PathVariable("campaignId") long campaignId, Model model) {
        CampaignPreview preview = campaigns.preview(campaignId, CurrentStaff.scope());
        auditSample(audit, preview);
        model.addAttribute("campaign", campaigns.find(campaignId, CurrentStaff.scope()));
        model.addAttribute("preview", preview);
        model.addAttribute("reasons", SkipReason.values());
        model.addAttribute("tab", "campaigns");
        return "engagement/campaign-preview";
    }

    @PostMapping("/engagement/campaigns/{campaignId}/launch")
    @PreAuthorize(CampaignApi.RUNNERS)
    String launch(@PathVariable("campaignId") long campaignId, RedirectAttributes redirect) {
        try {
            Campaigns.Launch launch = campaigns.launch(campaignId, staff().username(), CurrentStaff.scope());
            redirect.addFlashAttribute("launched", List.of(launch.queued(), launch.skipped()));
        } catch (EngagementRefused e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/engagement/campaigns/" + campaignId;
    }

    @PostMapping("/engagement/campaigns/{campaignId}/schedule")
    @PreAuthorize(CampaignApi.RUNNERS)
    String schedule(@PathVariable("campaignId") long campaignId, @RequestParam(name = "at", required = false) String at,
                    RedirectAttributes redirect) {
        try {
            LocalDateTime local = null;
            try {
                local = at == null || at.isBlank() ? null : LocalDateTime.parse(at);
            } catch (DateTimeParseException e) {
                // refused below as a time not in the future
            }
            campaigns.schedule(campaignId, local == null ? null : local.atZone(clock.getZone()).toInstant(),
                    staff().username(), CurrentStaff.scope());
        } catch (EngagementRefused e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/engagement/campaigns/" + campaignId;
    }

    @PostMapping("/engagement/campaigns/{campaignId}/cancel")
    @PreAuthorize(CampaignApi.RUNNERS)
    String cancel(@PathVariable("campaignId") long campaignId, RedirectAttributes redirect) {
        try {
            campaigns.cancel(campaignId, staff().username(), CurrentStaff.scope());
        } catch (EngagementRefused e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/engagement/campaigns/" + campaignId;
    }

    @GetMapping("/engagement/campaigns/{campaignId}/results.csv")
    @PreAuthorize(CampaignApi.READERS)
    void resultsCsv(@PathVariable("campaignId") long campaignId, HttpServletResponse response) throws IOException {
        Campaign campaign = campaigns.find(campaignId, CurrentStaff.scope());
        CampaignResults results = campaigns.results(campaignId, CurrentStaff.scope()).withSmallCellsWithheld(smallCells);
        boolean analyst = results.smallCellK() != null;
        audit.record(AuditAction.EXPORT, null, List.of("engagement_campaign.results"),
                "campaign " + campaignId + " results (figures per variant, no personal data, CSV)");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"campaign-" + campaignId + "-results.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        List<String> header = new java.util.ArrayList<>(List.of("campaign_id", "campaign", "variant", "template", "percent",
                "audience", "skipped", "queued", "delivered", "failed", "suppressed", "pending", "responders",
                "response_rate", "z_vs_A", "p_value", "significant_5pct"));
        if (analyst) {
            // analysts: a withheld variant has empty figures and the marker (<k) in this column (docs/privacy.md section 7)
            header.add("withheld_below_k");
        }
        try (CsvExport csv = CsvExport.to(writer, header)) {
            for (CampaignResults.VariantResult v : results.variants()) {
                List<Object> row = new java.util.ArrayList<>(java.util.Arrays.asList(campaignId, campaign.name(), v.label(),
                        v.templateCode(), v.percent(), v.audience(), v.skipped(),
                        v.queued(), v.delivered(), v.failed(), v.suppressed(), v.pending(), v.responders(),
                        v.responseRate() == null ? "" : String.format(Locale.ROOT, "%.4f", v.responseRate()),
                        v.versusFirst() == null ? "" : String.format(Locale.ROOT, "%.3f", v.versusFirst().z()),
                        v.versusFirst() == null ? "" : String.format(Locale.ROOT, "%.4f", v.versusFirst().pValue()),
                        v.versusFirst() == null ? "" : v.versusFirst().significant()));
                if (analyst) {
                    row.add(v.withheld() ? smallCells.marker() : "");
                }
                csv.row(row.toArray());
            }
        }
        writer.flush();
    }

    private static boolean mayRun() {
        return CurrentStaff.get().map(s -> s.role() == Role.BRANCH_MANAGER || s.role() == Role.ADMIN).orElse(false);
    }

    private static StaffPrincipal staff() {
        return CurrentStaff.get().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
    }
}
