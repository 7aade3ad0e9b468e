package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.InvalidSegmentRules;
import io.insurecrm.segmentation.RuleSaveNote;
import io.insurecrm.segmentation.RuleVersion;
import io.insurecrm.segmentation.Placement;
import io.insurecrm.segmentation.RuleSet;
import io.insurecrm.segmentation.SegmentBookRun;
import io.insurecrm.segmentation.SegmentBookRuns;
import io.insurecrm.segmentation.SegmentPreviews;
import io.insurecrm.segmentation.SegmentQueries;
import io.insurecrm.segmentation.SegmentRules;
import io.insurecrm.segmentation.ValueBand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Segments over the API: distributions and migrations in the caller's scope, a customer's segments, the rules. */
@RestController
@RequestMapping("/api/segments")
@Tag(name = "Segmentation", description = "Customers placed in VALUE, LIFE_STAGE, BEHAVIOUR, RISK and DYNAMIC segments "
        + "by versioned rule sets, with reasons and history; what-if previews of proposed rules (docs/segmentation.md)")
class SegmentsApi {

    private final SegmentQueries queries;
    private final SegmentRules rules;
    private final AccessAudit audit;
    private final MessageSource messages;
    private final SegmentBookRuns bookRuns;
    private final SegmentPreviews previews;
    private final Clock clock;
    private final SmallCellRule smallCells;

    SegmentsApi(SegmentQueries queries, SegmentRules rules, AccessAudit audit, MessageSource messages, SegmentBookRuns bookRuns,
                SegmentPreviews previews, Clock clock, SmallCellRule smallCells) {
        this.queries = queries;
        this.rules = rules;
        this.audit = audit;
        this.messages = messages;
        this.bookRuns = bookRuns;
        this.previews = previews;
        this.clock = clock;
        this.smallCells = smallCells;
    }

    /** @param smallCellK for analysts, k (segments of fewer customers withheld); null for others */
    record Distribution(Dimension dimension, LocalDate asOf, DataScope.Kind scope, List<SegmentCountView> segments,
                        Integer smallCellK) {
    }

    /** @param smallCellK for analysts, k (cells of fewer customers withheld, per row and column); null for others */
    record Migration(Dimension dimension, LocalDate from, LocalDate to, List<MatrixView.MigrationCount> cells,
                     Integer smallCellK) {
    }

    /** VALUE bands to save, with the version they were made from and why. */
    record Bands(List<ValueBand> bands, Integer basedOnVersion, String reason) {
    }

    record RecomputeRequest(String reason) {
    }

    @PostMapping("/recompute")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Recompute every customer's placements and rule tags now, in the background, in chunks",
            description = "The nightly run keeps the book up to date incrementally; this is the explicit whole-book run. "
                    + "It runs in chunks of customers, each committed with the run's checkpoint: a failed or interrupted run "
                    + "keeps its committed chunks (the other customers keep their previous placements) and is resumed with "
                    + "POST /recompute/{runId}/resume. Follow it with GET /recompute (any instance answers).")
    @ApiResponse(responseCode = "202", description = "The run, running")
    @ApiResponse(responseCode = "400", description = "No reason, or a reason over 200 characters (field reason)")
    @ApiResponse(responseCode = "409", description = "A whole-book or nightly run holds the book (the latest run's id in runningId)")
    ResponseEntity<?> recompute(@RequestBody(required = false) RecomputeRequest body, Locale locale) {
        String reason = reason(body);
        String by = CurrentStaff.username();
        return bookRuns.start(by, reason)
                .<ResponseEntity<?>>map(run -> ResponseEntity.accepted().location(URI.create("/api/segments/recompute")).body(run))
                .orElseGet(() -> conflict(new SegmentBookRuns.Refused("segmentation.recompute.alreadyRunning",
                        bookRuns.latest().map(SegmentBookRun::id).orElse(0L)), locale));
    }

    @PostMapping("/recompute/{runId}/resume")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Resume a failed or interrupted whole-book run after its last committed chunk, in the background",
            description = "Only the latest run; a COMPLETED run is refused (resuming it would write nothing). Under other "
                    + "active rules than the run started with it starts from the first customer again.")
    @ApiResponse(responseCode = "202", description = "The run, running again")
    @ApiResponse(responseCode = "400", description = "No reason, or a reason over 200 characters (field reason)")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "The run is completed, running, or not the latest; or another run holds the book")
    ResponseEntity<?> resume(@PathVariable("runId") long runId, @RequestBody(required = false) RecomputeRequest body,
                             Locale locale) {
        String reason = reason(body);
        String by = CurrentStaff.username();
        try {
            return bookRuns.resume(runId, by, reason)
                    .<ResponseEntity<?>>map(run -> ResponseEntity.accepted().location(URI.create("/api/segments/recompute")).body(run))
                    .orElseThrow(() -> NotFoundException.of("segmentation.recompute.notFound", runId));
        } catch (SegmentBookRuns.Refused refused) {
            return conflict(refused, locale);
        }
    }

    private static String reason(RecomputeRequest body) {
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        if (reason.isEmpty() || reason.length() > SegmentBookRuns.MAX_REASON) {
            throw new FieldRuleViolation("reason", "segmentation.recompute.reasonRequired", SegmentBookRuns.MAX_REASON);
        }
        return reason;
    }

    private ResponseEntity<?> conflict(SegmentBookRuns.Refused refused, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                messages.getMessage(refused.key(), refused.args(), locale));
        problem.setType(URI.create("urn:insurecrm:problem:recompute-refused"));
        problem.setTitle("The whole-book run cannot be started or resumed now");
        problem.setProperty("reasonKey", refused.key());
        problem.setProperty("runningId", bookRuns.latest().filter(SegmentBookRun::running).map(SegmentBookRun::id).orElse(0L));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @GetMapping("/recompute")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "The latest whole-book run (of any instance): state, chunk and step, progress, counts, failure",
            description = "state RUNNING, COMPLETED, FAILED or INTERRUPTED (its instance stopped mid-way: resumable); "
                    + "dimension null for a whole-book run, or VALUE … DYNAMIC or TAGS for a rule-change run (ruleChange true), "
                    + "whose progress is its step of stepNames, not chunks")
    @ApiResponse(responseCode = "200", description = "The run")
    @ApiResponse(responseCode = "404", description = "No whole-book run yet")
    SegmentBookRun recomputeStatus() {
        return bookRuns.latest().orElseThrow(() -> NotFoundException.of("segmentation.recompute.none", "recompute"));
    }

    @GetMapping("/distribution")
    @Operation(summary = "Customers per current segment of a dimension, in the caller's data scope")
    Distribution distribution(@RequestParam("dimension") Dimension dimension) {
        DataScope scope = CurrentStaff.scope();
        return new Distribution(dimension, LocalDate.now(clock), scope.kind(),
                SegmentCountView.of(queries.distribution(dimension, scope), smallCells), k());
    }

    @GetMapping("/migration")
    @Operation(summary = "Migration matrix: customers by their segment on `from` and on `to` (null = not placed then)")
    Migration migration(@RequestParam("dimension") Dimension dimension,
                        @RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return new Migration(dimension, from, to,
                MatrixView.of(queries.migration(dimension, from, to, CurrentStaff.scope()), smallCells.threshold()).published(), k());
    }

    private Integer k() {
        int k = smallCells.threshold();
        return k > 0 ? k : null;
    }

    @GetMapping("/customers/{customerId}")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','COMPLIANCE','ADMIN')")
    @Operation(summary = "A customer's segments on a day (default today), each with its reason and rule version")
    @ApiResponse(responseCode = "404", description = "No such customer in the caller's scope")
    List<PlacementView> customer(Locale locale, @PathVariable("customerId") long customerId,
                             @Parameter(description = "the day (ISO date); default today")
                             @RequestParam(name = "on", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {
        DataScope scope = CurrentStaff.scope();
        if (!queries.visible(customerId, scope)) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
        audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("segments"), null);
        return queries.placementsOn(customerId, on == null ? LocalDate.now(clock) : on, scope).stream()
                .map(p -> new PlacementView(p.dimension(), p.segment(), reason(p, locale), p.reasonKey(), p.reasonArgs(),
                        p.ruleVersion(), p.validFrom(), p.validTo()))
                .toList();
    }

    /** A placement with its reason in the caller's language ({@code reasonKey} and {@code reasonArgs} as stored). */
    record PlacementView(Dimension dimension, String segment, String reason, String reasonKey, List<String> reasonArgs,
                         int ruleVersion, LocalDate validFrom, LocalDate validTo) {
    }

    private String reason(Placement p, Locale locale) {
        return p.reasonIn(messages, locale);
    }

    @GetMapping("/rules")
    @Operation(summary = "The active rule set of a dimension")
    RuleSet activeRules(@RequestParam("dimension") Dimension dimension) {
        return rules.active(dimension);
    }

    @GetMapping("/rules/versions")
    @Operation(summary = "Every saved version of a dimension's rules, newest first: who saved it, when and why")
    List<RuleVersion> versions(@RequestParam("dimension") Dimension dimension) {
        return rules.versions(dimension);
    }

    @PostMapping("/rules/value")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Save VALUE bands as the next version; the book is recomputed after it",
            description = "Bands must cover [0, ∞) exactly once: a 400 problem lists every gap, overlap or bad band. "
                    + "`basedOnVersion` (the VALUE version the change was made from) and `reason` (1–500 characters) are required.")
    @ApiResponse(responseCode = "201", description = "The saved rule set")
    @ApiResponse(responseCode = "400", description = "Invalid bands, or no basedOnVersion or reason (RFC 9457 problem with `errors`)")
    @ApiResponse(responseCode = "409", description = "Another version was saved since basedOnVersion; nothing saved")
    ResponseEntity<RuleSet> saveValueRules(@RequestBody Bands body) {
        String by = CurrentStaff.username();
        RuleSet saved = rules.saveValueRules(body.bands(), by, new RuleSaveNote(body.basedOnVersion(), body.reason()));
        audit.record(AuditAction.RULE_CHANGE, null, List.of("segment_rule_set.VALUE"), "segment VALUE rules v" + saved.version());
        return ResponseEntity.created(URI.create("/api/segments/rules?dimension=VALUE")).body(saved);
    }

    @PostMapping("/rules/{dimension}")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Save the rules of VALUE (bands and the optional property contribution), LIFE_STAGE, BEHAVIOUR, RISK "
            + "or DYNAMIC as the next version; the book is recomputed after it",
            description = "The body is the rules object as GET /rules returns it under `rules`, with `basedOnVersion` (the "
                    + "version the change was made from) and `reason` (1–500 characters) beside its fields. A 400 problem "
                    + "names every unknown field, missing or out-of-range value, gap, overlap or unreachable segment.")
    @ApiResponse(responseCode = "201", description = "The saved rule set")
    @ApiResponse(responseCode = "400", description = "Invalid rules, or no basedOnVersion or reason (RFC 9457 problem with `errors`)")
    @ApiResponse(responseCode = "409", description = StaleRuleVersion.API_409)
    ResponseEntity<RuleSet> saveRules(@PathVariable("dimension") Dimension dimension, @RequestBody Map<String, Object> body) {
        String by = CurrentStaff.username();
        RuleSaveNote.Split split = RuleSaveNote.split(body);
        RuleSet saved = rules.saveRules(dimension, split.rules(), by, split.note());
        audit.record(AuditAction.RULE_CHANGE, null, List.of("segment_rule_set." + dimension),
                "segment " + dimension + " rules v" + saved.version());
        return ResponseEntity.created(URI.create("/api/segments/rules?dimension=" + dimension)).body(saved);
    }

    @PostMapping("/rules/value/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "What-if, in the background: how many customers in scope would move from which VALUE segment to "
            + "which under the proposed bands (with the active property contribution); nothing saved",
            description = "As POST /rules/{dimension}/preview with VALUE; follow it at GET /rules/VALUE/preview/{previewId}.")
    @ApiResponse(responseCode = "200", description = "The preview, finished within about a second: DONE with its cells (or FAILED)")
    @ApiResponse(responseCode = "202", description = "The preview, RUNNING; Location: where to follow it")
    @ApiResponse(responseCode = "400", description = "Invalid bands (RFC 9457 problem with `errors`); nothing started")
    @ApiResponse(responseCode = "409", description = "Your previous preview is still running (its Location in `running`)")
    @ApiResponse(responseCode = "429", description = "As many previews as the instance runs at once are running; Retry-After")
    ResponseEntity<PreviewView> preview(@RequestBody Bands body) {
        return PreviewAnswers.started(previews.startValueBands(body.bands(), CurrentStaff.scope(), PreviewAnswers.user()), smallCells);
    }

    @PostMapping("/rules/{dimension}/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "What-if for proposed rules of any dimension, in the background: how many customers in scope would "
            + "move from which segment to which (null = not placed yet); nothing saved",
            description = "The body is the rules object as POST /rules/{dimension} takes it; it is checked at once (400 naming "
                    + "every problem, nothing started), then the same SQL as the recompute runs with it as its rules source over "
                    + "the caller's data scope, on a thread of its own. A preview that finishes within about a second is "
                    + "answered at once (200, DONE); otherwise 202, RUNNING, and the Location to follow it at GET "
                    + "/rules/{dimension}/preview/{previewId}. One running preview per user, a few per instance; kept 30 "
                    + "minutes in the memory of the instance that ran it.")
    @ApiResponse(responseCode = "200", description = "The preview, finished within about a second: DONE with its cells (or FAILED)")
    @ApiResponse(responseCode = "202", description = "The preview, RUNNING; Location: where to follow it")
    @ApiResponse(responseCode = "400", description = "Invalid rules (RFC 9457 problem with `errors`); nothing started")
    @ApiResponse(responseCode = "409", description = "Your previous preview is still running (its Location in `running`)")
    @ApiResponse(responseCode = "429", description = "As many previews as the instance runs at once are running; Retry-After")
    ResponseEntity<PreviewView> previewRules(@PathVariable("dimension") Dimension dimension, @RequestBody Map<String, Object> body) {
        return PreviewAnswers.started(previews.start(dimension, body, CurrentStaff.scope(), PreviewAnswers.user()), smallCells);
    }

    @GetMapping("/rules/{dimension}/preview/{previewId}")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "A what-if preview you asked for: RUNNING (elapsed so far), DONE (the migration matrix in `cells`) or "
            + "FAILED (`failure`)",
            description = "`rulesNow` says whether the rules active when it was asked for still are (UNCHANGED), or whether "
                    + "these proposed rules (ACTIVATED) or others (SUPERSEDED) were saved since. Previews are kept 30 minutes "
                    + "(and a bounded number) on the instance that ran them; only the one who asked sees his.")
    @ApiResponse(responseCode = "200", description = "The preview")
    @ApiResponse(responseCode = "404", description = "No such preview of yours (or no longer kept)")
    PreviewView previewStatus(@PathVariable("dimension") Dimension dimension, @PathVariable("previewId") String previewId) {
        return previews.find(dimension.name(), previewId, PreviewAnswers.user()).map(p -> PreviewView.of(p, smallCells))
                .orElseThrow(() -> NotFoundException.of("segmentation.preview.notFound", previewId));
    }

    @ExceptionHandler(SegmentPreviews.Refused.class)
    ResponseEntity<ProblemDetail> previewRefused(SegmentPreviews.Refused refused, Locale locale) {
        return PreviewAnswers.refused(refused, messages, locale);
    }

    @ExceptionHandler(InvalidSegmentRules.class)
    ProblemDetail invalid(InvalidSegmentRules e, Locale locale) {
        return RuleSaveAnswers.invalid(e, messages, locale);
    }

}
