package io.insurecrm.loyalty.web;

import io.insurecrm.loyalty.Activity;
import io.insurecrm.loyalty.Benefit;
import io.insurecrm.loyalty.Benefits;
import io.insurecrm.loyalty.ClaimLine;
import io.insurecrm.loyalty.DowngradePolicy;
import io.insurecrm.loyalty.Entitlement;
import io.insurecrm.loyalty.InvalidTierRules;
import io.insurecrm.loyalty.LoyaltyProgramme;
import io.insurecrm.loyalty.LoyaltyRules;
import io.insurecrm.loyalty.Member;
import io.insurecrm.loyalty.Members;
import io.insurecrm.loyalty.PointsLedger;
import io.insurecrm.loyalty.PointsRefused;
import io.insurecrm.loyalty.ProgrammeFigures;
import io.insurecrm.loyalty.ProgrammeQueries;
import io.insurecrm.loyalty.RedemptionRefused;
import io.insurecrm.loyalty.Redemptions;
import io.insurecrm.loyalty.RenewalPreview;
import io.insurecrm.loyalty.RuleSet;
import io.insurecrm.loyalty.Tier;
import io.insurecrm.loyalty.TierCondition;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The loyalty programme over the API: rules, benefits, members with entitlements and points, redemption, previews. */
@RestController
@RequestMapping("/api/loyalty")
@Tag(name = "Loyalty", description = "Home property insurance loyalty programme: tiers by versioned rules, benefits with "
        + "quotas, redemption, points ledger, renewal preview, photo-settlement flags (docs/loyalty.md)")
class LoyaltyApi {

    private final LoyaltyRules rules;
    private final Benefits benefits;
    private final Members members;
    private final Redemptions redemptions;
    private final PointsLedger points;
    private final LoyaltyProgramme programme;
    private final ProgrammeQueries queries;
    private final AccessAudit audit;
    private final MessageSource messages;

    private final SmallCellRule smallCells;

    LoyaltyApi(LoyaltyRules rules, Benefits benefits, Members members, Redemptions redemptions, PointsLedger points,
               LoyaltyProgramme programme, ProgrammeQueries queries, AccessAudit audit, MessageSource messages,
               SmallCellRule smallCells) {
        this.smallCells = smallCells;
        this.rules = rules;
        this.benefits = benefits;
        this.members = members;
        this.redemptions = redemptions;
        this.points = points;
        this.programme = programme;
        this.queries = queries;
        this.audit = audit;
        this.messages = messages;
    }

    /** Tier rules to save, with the version they were made from and why (both required). */
    record RulesBody(List<TierCondition> tiers, Integer graceDays, DowngradePolicy downgrade,
                     Map<Activity, Integer> activityPoints, Integer pointsValidMonths,
                     @Schema(description = "The version the proposal was made from: the active one, or the save is refused (409)",
                             example = "3") Integer basedOnVersion,
                     @Schema(description = "Why the rules change, 1–500 characters; kept with the version",
                             example = "钻石门槛随保费上调") String reason) {
    }

    record MemberDetail(Member member, List<Entitlement> entitlements, List<Members.TierChange> history) {
    }

    record RedeemBody(String benefit, String requestId, String note) {
    }

    /** Earn for an activity ({@code activity}) or spend ({@code spend} points with a reason). */
    record PointsBody(Activity activity, Integer spend, String reason, String requestId) {
    }

    record AdjustBody(Integer points, String reason, String requestId) {
    }

    record OverrideBody(Tier tier, String reason, LocalDate until) {
    }

    record Points(int balance, List<PointsLedger.Entry> entries) {
    }

    @GetMapping("/rules")
    @Operation(summary = "The active tier rules")
    RuleSet activeRules() {
        return rules.active();
    }

    @GetMapping("/rules/versions")
    @Operation(summary = "Every version of the tier rules, newest first")
    List<RuleSet> ruleVersions() {
        return rules.versions();
    }

    @PostMapping("/rules")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Save tier rules as the next version; the book is re-evaluated after it",
            description = "The body names the version it was made from (`basedOnVersion`, the active one) and why "
                    + "(`reason`, 1–500 characters, kept with the version and listed with the versions). Refused (400, "
                    + "every problem listed, each with its `field` when it is one field's) when a higher tier is as easy "
                    + "as or easier than a lower one, or the reason or the version is missing; refused (409) when "
                    + "another version has been saved since the one it was made from.")
    @ApiResponse(responseCode = "201", description = "The saved rule set, with its reason")
    @ApiResponse(responseCode = "400", description = "Invalid rules, reason or version (RFC 9457 problem with `errors`)")
    @ApiResponse(responseCode = "409", description = StaleRuleVersion.API_409)
    ResponseEntity<RuleSet> saveRules(@RequestBody RulesBody body) {
        RuleSet saved = rules.save(body.tiers(), body.graceDays(), body.downgrade(), body.activityPoints(),
                body.pointsValidMonths(), body.reason(), body.basedOnVersion(), username());
        audit.record(AuditAction.RULE_CHANGE, null, List.of("loyalty_rule_set"), "loyalty tier rules v" + saved.version());
        return ResponseEntity.created(URI.create("/api/loyalty/rules")).body(saved);
    }

    @GetMapping("/benefits")
    @Operation(summary = "The benefits catalogue")
    List<Benefit> catalogue() {
        return benefits.catalogue();
    }

    @PutMapping("/benefits/{code}")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Add or change a benefit of the catalogue")
    @ApiResponse(responseCode = "400", description = "A field is missing or out of range (the problem names it)")
    Benefit saveBenefit(@PathVariable("code") String code, @RequestBody Benefit body) {
        Benefit saved = benefits.save(new Benefit(code, body.category(), body.nameZh(), body.nameEn(),
                body.tiers() == null ? java.util.Set.of() : body.tiers(), body.quota(), body.period(), body.validityDays(), body.active()));
        audit.record(AuditAction.RULE_CHANGE, null, List.of("loyalty_benefit"), "loyalty benefit " + saved.code());
        return saved;
    }

    @GetMapping("/dashboard")
    @Operation(summary = "Programme figures in the caller's scope: tiers, benefit usage, renewal rate and satisfaction per tier")
    ProgrammeFigures dashboard() {
        return queries.figures(CurrentStaff.scope()).withSmallCellsWithheld(smallCells);
    }

    @GetMapping("/members/{customerId}")
    @Operation(summary = "A member: tier in force and why, override, entitlements of the current periods, tier history")
    @ApiResponse(responseCode = "404", description = "No such member in the caller's scope")
    MemberDetail member(@PathVariable("customerId") long customerId) {
        Member member = members.find(customerId, CurrentStaff.scope())
                .orElseThrow(() -> NotFoundException.of("loyalty.member.notFound", customerId));
        audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("loyalty"), null);
        return new MemberDetail(member, members.entitlements(customerId), members.history(customerId));
    }

    @GetMapping("/members/{customerId}/points")
    @Operation(summary = "A member's points balance and newest ledger rows")
    Points points(@PathVariable("customerId") long customerId) {
        visibleOr404(customerId);
        audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("loyalty.points"), null);
        return new Points(points.balance(customerId), points.entries(customerId, 100));
    }

    @GetMapping("/members/{customerId}/claims")
    @Operation(summary = "A member's claims with progress and the photo-settlement flag")
    List<ClaimLine> claims(@PathVariable("customerId") long customerId) {
        visibleOr404(customerId);
        audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("loyalty.claims"), null);
        return programme.claimsOf(customerId, CurrentStaff.scope());
    }

    @PostMapping("/members/{customerId}/redemptions")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    @Operation(summary = "Redeem a benefit (idempotent by requestId)",
            description = "Refused with 409 and a reason (NOT_A_MEMBER, NOT_ENTITLED, EXPIRED, QUOTA_EXHAUSTED, "
                    + "DUPLICATE_REQUEST, UNKNOWN_BENEFIT, INVALID_REQUEST); a refusal changes nothing.")
    @ApiResponse(responseCode = "201", description = "Redeemed")
    @ApiResponse(responseCode = "409", description = "Refused (problem with `reason`)")
    ResponseEntity<Redemptions.Redemption> redeem(@PathVariable("customerId") long customerId, @RequestBody RedeemBody body) {
        visibleOr404(customerId);
        Redemptions.Redemption done = redemptions.redeem(customerId, body.benefit(), body.requestId(), Redemptions.Channel.API,
                username(), body.note());
        return ResponseEntity.status(HttpStatus.CREATED).body(done);
    }

    @PostMapping("/members/{customerId}/points")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    @Operation(summary = "Earn points for an activity, or spend points (idempotent by requestId)")
    @ApiResponse(responseCode = "409", description = "Refused (problem with `reason`)")
    ResponseEntity<PointsLedger.Result> earnOrSpend(@PathVariable("customerId") long customerId, @RequestBody PointsBody body) {
        visibleOr404(customerId);
        PointsLedger.Result result = body.activity() != null
                ? points.earn(customerId, body.activity(), body.requestId(), username(), body.reason())
                : points.spend(customerId, body.spend() == null ? 0 : body.spend(), body.requestId(), body.reason(), username());
        return ResponseEntity.status(HttpStatus.CREATED).body(result);
    }

    @PostMapping("/members/{customerId}/points/adjustments")
    @PreAuthorize("hasAnyRole('BRANCH_MANAGER','ADMIN')")
    @Operation(summary = "Adjust points up or down with a reason (idempotent by requestId)")
    @ApiResponse(responseCode = "409", description = "Refused (problem with `reason`)")
    ResponseEntity<PointsLedger.Result> adjust(@PathVariable("customerId") long customerId, @RequestBody AdjustBody body) {
        visibleOr404(customerId);
        PointsLedger.Result result = points.adjust(customerId, body.points() == null ? 0 : body.points(), body.requestId(),
                body.reason(), username());
        return ResponseEntity.status(HttpStatus.CREATED).body(result);
    }

    @PostMapping("/members/{customerId}/override")
    @PreAuthorize("hasAnyRole('BRANCH_MANAGER','ADMIN')")
    @Operation(summary = "Set a member's tier by hand with a reason until a day (inclusive)")
    @ApiResponse(responseCode = "400", description = "tier, reason or until missing or out of range (the problem names it)")
    Member override(@PathVariable("customerId") long customerId, @RequestBody OverrideBody body) {
        visibleOr404(customerId);
        return members.override(customerId, body.tier(), body.reason(), body.until(), username(), CurrentStaff.scope());
    }

    @GetMapping("/renewal-previews")
    @Operation(summary = "Renewal previews of the home policies in the caller's scope ending within `days` (default 30)")
    List<RenewalPreview> renewalPreviews(@RequestParam(name = "days", defaultValue = "30") int days) {
        return programme.renewalPreviews(Math.max(0, Math.min(days, 90)), CurrentStaff.scope(), 200);
    }

    @GetMapping("/policies/{policyId}/renewal-preview")
    @Operation(summary = "What renewing this home policy unlocks (for the renewal reminder)")
    @ApiResponse(responseCode = "404", description = "No active home policy with this id in the caller's scope")
    RenewalPreview renewalPreview(@PathVariable("policyId") long policyId) {
        RenewalPreview preview = programme.renewalPreview(policyId)
                .orElseThrow(() -> NotFoundException.of("loyalty.policy.notFound", policyId));
        if (!members.visible(preview.customerId(), CurrentStaff.scope())) {
            throw NotFoundException.of("loyalty.policy.notFound", policyId);
        }
        return preview;
    }

    @GetMapping("/claims/photo-settlement")
    @Operation(summary = "Open home claims in the caller's scope flagged for photo settlement without an on-site survey")
    List<ClaimLine> photoSettlement() {
        return programme.photoSettlementQueue(CurrentStaff.scope());
    }

    @ExceptionHandler(InvalidTierRules.class)
    ProblemDetail invalid(InvalidTierRules e, Locale locale) {
        List<Map<String, String>> errors = e.problems().stream().map(p -> {
            Map<String, String> error = new java.util.LinkedHashMap<>();
            if (p.field() != null) {
                error.put("field", p.field());
            }
            error.put("code", p.code());
            error.put("message", messages.getMessage(p.code(), p.arguments().toArray(), p.code(), locale));
            return error;
        }).toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", errors.stream().map(m -> m.get("message")).toList()));
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle("Invalid tier rules");
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(RedemptionRefused.class)
    ProblemDetail refused(RedemptionRefused e, Locale locale) {
        return refusal("Redemption refused", e.reason().name(), messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale));
    }

    @ExceptionHandler(PointsRefused.class)
    ProblemDetail refused(PointsRefused e, Locale locale) {
        return refusal("Points operation refused", e.reason().name(), messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale));
    }

    private static ProblemDetail refusal(String title, String reason, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, message);
        problem.setType(URI.create("urn:insurecrm:problem:refused"));
        problem.setTitle(title);
        problem.setProperty("reason", reason);
        return problem;
    }

    private void visibleOr404(long customerId) {
        if (!members.visible(customerId, CurrentStaff.scope())) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
    }

    private static String username() {
        return CurrentStaff.username();
    }
}
