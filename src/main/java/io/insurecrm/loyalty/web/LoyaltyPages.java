package io.insurecrm.loyalty.web;

import io.insurecrm.loyalty.Activity;
import io.insurecrm.loyalty.Benefit;
import io.insurecrm.loyalty.BenefitCategory;
import io.insurecrm.loyalty.Benefits;
import io.insurecrm.loyalty.DowngradePolicy;
import io.insurecrm.loyalty.InvalidTierRules;
import io.insurecrm.loyalty.LoyaltyProgramme;
import io.insurecrm.loyalty.LoyaltyRules;
import io.insurecrm.loyalty.Member;
import io.insurecrm.loyalty.Members;
import io.insurecrm.loyalty.PointsLedger;
import io.insurecrm.loyalty.PointsRefused;
import io.insurecrm.loyalty.ProgrammeQueries;
import io.insurecrm.loyalty.QuotaPeriod;
import io.insurecrm.loyalty.RedemptionRefused;
import io.insurecrm.loyalty.Redemptions;
import io.insurecrm.loyalty.RuleProblem;
import io.insurecrm.loyalty.RuleSet;
import io.insurecrm.loyalty.Tier;
import io.insurecrm.loyalty.TierCondition;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.rules.RuleChecks;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /loyalty: the programme dashboard, the tier rules editor (with validation and versions), the benefits catalogue,
 * the member page (tier, override, entitlements and redemption, points, claims, renewal preview) and the member card
 * that the Customer 360 loads with htmx.
 */
@Controller
class LoyaltyPages {

    private static final Set<Role> EDITORS = EnumSet.of(Role.ANALYST, Role.ADMIN);
    private static final Set<Role> MANAGERS = EnumSet.of(Role.BRANCH_MANAGER, Role.ADMIN);
    private static final Set<Role> SERVERS = EnumSet.of(Role.AGENT, Role.ADVISOR, Role.BRANCH_MANAGER, Role.ADMIN);

    private final ProgrammeQueries queries;
    private final LoyaltyRules rules;
    private final Benefits benefits;
    private final Members members;
    private final Redemptions redemptions;
    private final PointsLedger points;
    private final LoyaltyProgramme programme;
    private final AccessAudit audit;
    private final MessageSource messages;
    private final Clock clock;

    private final SmallCellRule smallCells;

    LoyaltyPages(ProgrammeQueries queries, LoyaltyRules rules, Benefits benefits, Members members, Redemptions redemptions,
                 PointsLedger points, LoyaltyProgramme programme, AccessAudit audit, MessageSource messages, Clock clock,
                 SmallCellRule smallCells) {
        this.smallCells = smallCells;
        this.queries = queries;
        this.rules = rules;
        this.benefits = benefits;
        this.members = members;
        this.redemptions = redemptions;
        this.points = points;
        this.programme = programme;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/loyalty")
    String dashboard(Model model) {
        DataScope scope = CurrentStaff.scope();
        model.addAttribute("scope", scope);
        // analysts: no tier or benefit figure of fewer than k customers (docs/privacy.md section 7)
        model.addAttribute("figures", queries.figures(scope).withSmallCellsWithheld(smallCells));
        model.addAttribute("smallCellsK", smallCells.k());
        return "loyalty/dashboard";
    }

    @GetMapping("/loyalty/rules")
    String rules(Model model) {
        RuleSet active = rules.active();
        model.addAttribute("active", active);
        model.addAttribute("versions", rules.versions());
        model.addAttribute("mayEdit", has(EDITORS));
        model.addAttribute("formTiers", TierRulesForm.TIERS);
        model.addAttribute("downgrades", DowngradePolicy.values());
        model.addAttribute("zone", clock.getZone());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", TierRulesForm.of(active));
        }
        model.addAttribute("maxReason", RuleChecks.MAX_REASON);
        return "loyalty/rules";
    }

    @PostMapping("/loyalty/rules")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String saveRules(TierRulesForm form, Model model, RedirectAttributes redirect) {
        List<RuleProblem> problems = new ArrayList<>();
        TierRulesForm.Parsed parsed = form.parse(problems);
        TierRulesForm shown = form;
        if (problems.isEmpty()) {
            try {
                RuleSet saved = rules.save(parsed.tiers(), parsed.graceDays(), parsed.downgrade(), parsed.activityPoints(),
                        parsed.pointsValidMonths(), form.reason(), parsed.basedOnVersion(), username());
                audit.record(AuditAction.RULE_CHANGE, null, List.of("loyalty_rule_set"), "loyalty tier rules v" + saved.version());
                redirect.addFlashAttribute("savedVersion", saved.version());
                return "redirect:/loyalty/rules";
            } catch (InvalidTierRules e) {
                problems.addAll(e.problems());
            } catch (StaleRuleVersion e) {
                // what was typed comes back, now made from the active version: saving again replaces it on purpose
                model.addAttribute("staleMessage", e.message(messages, LocaleContextHolder.getLocale(), clock.getZone()));
                shown = form.basedOn(e.activeVersion());
            }
        } else {
            problems.addAll(LoyaltyRules.noteProblems(form.reason(), parsed.basedOnVersion()));
        }
        model.addAttribute("problems", problems);
        model.addAttribute("form", shown);
        return rules(model);
    }

    @GetMapping("/loyalty/benefits")
    String benefits(Model model) {
        model.addAttribute("benefits", benefits.catalogue());
        model.addAttribute("mayEdit", has(EDITORS));
        model.addAttribute("categories", BenefitCategory.values());
        model.addAttribute("periods", QuotaPeriod.values());
        model.addAttribute("tiers", List.of(Tier.BASIC, Tier.SILVER, Tier.GOLD, Tier.DIAMOND));
        return "loyalty/benefits";
    }

    @PostMapping("/loyalty/benefits")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String saveBenefit(@RequestParam("code") String code, @RequestParam(name = "category", required = false) BenefitCategory category,
                       @RequestParam("nameZh") String nameZh, @RequestParam("nameEn") String nameEn,
                       @RequestParam(name = "tiers", required = false) List<Tier> tiers,
                       @RequestParam(name = "quota", required = false) Integer quota,
                       @RequestParam(name = "period", required = false) QuotaPeriod period,
                       @RequestParam(name = "validityDays", required = false) Integer validityDays,
                       @RequestParam(name = "active", defaultValue = "false") boolean active,
                       Model model, RedirectAttributes redirect) {
        try {
            Benefit saved = benefits.save(new Benefit(code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT),
                    category, nameZh, nameEn, tiers == null ? Set.of() : Set.copyOf(tiers), quota, period, validityDays, active));
            audit.record(AuditAction.RULE_CHANGE, null, List.of("loyalty_benefit"), "loyalty benefit " + saved.code());
            redirect.addFlashAttribute("savedBenefit", saved.code());
            return "redirect:/loyalty/benefits";
        } catch (FieldRuleViolation e) {
            model.addAttribute("benefitError", e.field() + ": "
                    + messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), LocaleContextHolder.getLocale()));
            return benefits(model);
        }
    }

    @GetMapping("/loyalty/members/{customerId}")
    String member(@PathVariable("customerId") long customerId, Model model) {
        DataScope scope = CurrentStaff.scope();
        Member member = members.find(customerId, scope)
                .orElseThrow(() -> NotFoundException.of("loyalty.member.notFound", customerId));
        audit.record(AuditAction.VIEW_CUSTOMER, customerId, List.of("loyalty"), null);
        model.addAttribute("member", member);
        model.addAttribute("entitlements", members.entitlements(customerId));
        model.addAttribute("history", members.history(customerId));
        model.addAttribute("points", points.entries(customerId, 30));
        model.addAttribute("claims", programme.claimsOf(customerId, scope));
        model.addAttribute("previews", previews(customerId, scope));
        model.addAttribute("activities", Activity.values());
        model.addAttribute("tiers", List.of(Tier.BASIC, Tier.SILVER, Tier.GOLD, Tier.DIAMOND));
        model.addAttribute("mayServe", has(SERVERS));
        model.addAttribute("mayManage", has(MANAGERS));
        model.addAttribute("requestId", UUID.randomUUID().toString());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("zone", clock.getZone());
        return "loyalty/member";
    }

    /** htmx: the member card of the Customer 360 (a short note when the customer is no member). */
    @GetMapping("/loyalty/members/{customerId}/card")
    String card(@PathVariable("customerId") long customerId, Model model) {
        DataScope scope = CurrentStaff.scope();
        if (!members.visible(customerId, scope)) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
        model.addAttribute("customerId", customerId);
        model.addAttribute("member", members.find(customerId, scope).orElse(null));
        model.addAttribute("entitlements", members.entitlements(customerId));
        model.addAttribute("claims", programme.claimsOf(customerId, scope));
        model.addAttribute("previews", previews(customerId, scope));
        return "loyalty/card :: card";
    }

    @PostMapping("/loyalty/members/{customerId}/redemptions")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    String redeem(@PathVariable("customerId") long customerId, @RequestParam("benefit") String benefit,
                  @RequestParam("requestId") String requestId, @RequestParam(name = "note", required = false) String note,
                  RedirectAttributes redirect) {
        visibleOr404(customerId);
        try {
            redemptions.redeem(customerId, benefit, requestId, Redemptions.Channel.STAFF, username(), note);
            redirect.addFlashAttribute("notice", message("loyalty.redeem.done", benefit));
        } catch (RedemptionRefused e) {
            redirect.addFlashAttribute("refusal", message(e.messageKey(), e.arguments()));
        }
        return "redirect:/loyalty/members/" + customerId;
    }

    @PostMapping("/loyalty/members/{customerId}/points")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    String earnOrSpend(@PathVariable("customerId") long customerId,
                       @RequestParam(name = "activity", required = false) Activity activity,
                       @RequestParam(name = "spend", required = false) Integer spend,
                       @RequestParam(name = "reason", required = false) String reason,
                       @RequestParam("requestId") String requestId, RedirectAttributes redirect) {
        visibleOr404(customerId);
        try {
            PointsLedger.Result result = activity != null
                    ? points.earn(customerId, activity, requestId, username(), reason)
                    : points.spend(customerId, spend == null ? 0 : spend, requestId, reason, username());
            redirect.addFlashAttribute("notice", message("loyalty.points.done", result.balance()));
        } catch (PointsRefused e) {
            redirect.addFlashAttribute("refusal", message(e.messageKey(), e.arguments()));
        }
        return "redirect:/loyalty/members/" + customerId;
    }

    @PostMapping("/loyalty/members/{customerId}/points/adjustments")
    @PreAuthorize("hasAnyRole('BRANCH_MANAGER','ADMIN')")
    String adjust(@PathVariable("customerId") long customerId, @RequestParam(name = "points", defaultValue = "0") int delta,
                  @RequestParam(name = "reason", required = false) String reason, @RequestParam("requestId") String requestId,
                  RedirectAttributes redirect) {
        visibleOr404(customerId);
        try {
            PointsLedger.Result result = points.adjust(customerId, delta, requestId, reason, username());
            redirect.addFlashAttribute("notice", message("loyalty.points.done", result.balance()));
        } catch (PointsRefused e) {
            redirect.addFlashAttribute("refusal", message(e.messageKey(), e.arguments()));
        }
        return "redirect:/loyalty/members/" + customerId;
    }

    @PostMapping("/loyalty/members/{customerId}/override")
    @PreAuthorize("hasAnyRole('BRANCH_MANAGER','ADMIN')")
    String override(@PathVariable("customerId") long customerId, @RequestParam(name = "tier", required = false) Tier tier,
                    @RequestParam(name = "reason", required = false) String reason,
                    @RequestParam(name = "until", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
                    RedirectAttributes redirect) {
        DataScope scope = CurrentStaff.scope();
        visibleOr404(customerId);
        try {
            members.override(customerId, tier, reason, until, username(), scope);
            redirect.addFlashAttribute("notice", message("loyalty.override.done"));
        } catch (FieldRuleViolation e) {
            redirect.addFlashAttribute("refusal", message(e.messageKey(), e.arguments()));
        }
        return "redirect:/loyalty/members/" + customerId;
    }

    @PostMapping("/loyalty/members/{customerId}/override/end")
    @PreAuthorize("hasAnyRole('BRANCH_MANAGER','ADMIN')")
    String endOverride(@PathVariable("customerId") long customerId, RedirectAttributes redirect) {
        members.endOverride(customerId, CurrentStaff.scope());
        redirect.addFlashAttribute("notice", message("loyalty.override.ended"));
        return "redirect:/loyalty/members/" + customerId;
    }

    private List<io.insurecrm.loyalty.RenewalPreview> previews(long customerId, DataScope scope) {
        return programme.renewalPreviewsOf(customerId, 60);
    }

    private void visibleOr404(long customerId) {
        if (!members.visible(customerId, CurrentStaff.scope())) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    private static boolean has(Set<Role> roles) {
        return CurrentStaff.get().map(staff -> roles.contains(staff.role())).orElse(false);
    }

    private static String username() {
        return CurrentStaff.username();
    }
}
