package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilBook;
import io.insurecrm.coil.CoilClusterRule;
import io.insurecrm.coil.CoilClusterRules;
import io.insurecrm.coil.CoilClusterRun;
import io.insurecrm.coil.CoilClusterRunInProgress;
import io.insurecrm.coil.CoilClusters;
import io.insurecrm.coil.CoilSegments;
import io.insurecrm.coil.CoilValueBandRuleSets;
import io.insurecrm.coil.CoilValueBandRules;
import io.insurecrm.coil.InvalidCoilValueBands;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import java.util.Map;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.RunEndpoints;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.coil.CoilFileRefused;
import io.insurecrm.coil.CoilSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/coil")
@Tag(name = "CoIL 2000 book", description = "The CoIL Challenge 2000 insurer's book (research use; cite van der Putten & van Someren 2000)")
class CoilApi {

    private final CoilBook book;
    private final SmallCellRule smallCells;
    private final CoilClusters clusters;
    private final MessageSource messages;
    private final CoilValueBandRuleSets bandRules;
    private final AccessAudit audit;
    private final CoilClusterRules clusterRules;

    CoilApi(CoilBook book, SmallCellRule smallCells, CoilClusters clusters, MessageSource messages,
            CoilValueBandRuleSets bandRules, AccessAudit audit, CoilClusterRules clusterRules) {
        this.book = book;
        this.clusterRules = clusterRules;
        this.bandRules = bandRules;
        this.audit = audit;
        this.smallCells = smallCells;
        this.clusters = clusters;
        this.messages = messages;
    }

    /** Why the run is asked for (required), and k (2–12; absent = chosen by the silhouette over the configured range). */
    record RunRequest(String reason, Integer k) {
    }

    @GetMapping("/segments")
    @Operation(summary = "Customers, holders, policies, 客均合同 (policies per holder) and the mean estimated annual premium "
            + "(benchmark currency NLG, not CNY) per need cluster of the current run (its id is the version; each cluster with "
            + "the previous run's cluster sharing the most members, previousClusterNo, and the share of its members carried "
            + "from it, carriedShare 0-1) and per value band of the active value band rules (valueBandVersion); each "
            + "breakdown adds up to the summary's ALL. For analysts a segment of fewer than k customers (and the next "
            + "smallest when it would be the only one) has suppressed = true and null figures")
    CoilSegments segments() {
        return clusters.segments().withSmallCellsWithheld(smallCells);
    }

    @GetMapping("/clusters/runs")
    @Operation(summary = "The latest 20 need-cluster runs of the CoIL book, newest first")
    List<CoilClusterRun> runs() {
        return clusters.runs(20);
    }

    @GetMapping("/clusters/runs/{runId}")
    @Operation(summary = "One need-cluster run with its clusters named in both languages (an UNCHANGED run: those of the run it "
            + "matched), each with the previous finished run's cluster sharing the most members (previousClusterNo) and the "
            + "share of its members carried from it (carriedShare, 0-1)")
    @ApiResponse(responseCode = "404", description = "No such run")
    CoilClusterViews run(@PathVariable("runId") long runId) {
        CoilClusterRun run = RunEndpoints.found(clusters.run(runId), "coil.clusters.runNotFound", runId);
        return CoilClusterViews.of(run, clusters);
    }

    @PostMapping("/clusters/runs")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Cluster the CoIL book again in the background (one run at a time); poll GET /clusters/runs/{runId}",
            description = "Body {\"reason\": \"...\", \"k\": 6}; k may be left out (chosen by the silhouette). The same book, "
                    + "seed and settings as the current run end UNCHANGED: nothing is rewritten.")
    @ApiResponse(responseCode = "202", description = "The run, RUNNING")
    @ApiResponse(responseCode = "400", description = "No reason, or k outside 2–12")
    @ApiResponse(responseCode = "409", description = "Another run is in progress")
    ResponseEntity<CoilClusterRun> start(@RequestBody RunRequest body) {
        String reason = body == null ? null : body.reason();
        Integer k = body == null ? null : body.k();
        CoilClusters.validate(k, reason);
        CoilClusterRun run = clusters.start(k, reason, CurrentStaff.username());
        return RunEndpoints.accepted("/api/coil/clusters/runs", run.id(), run);
    }

    @ExceptionHandler(CoilClusterRunInProgress.class)
    ProblemDetail inProgress(CoilClusterRunInProgress e, Locale locale) {
        return RunEndpoints.inProgress(e, messages, "coil.clusters.inProgress", locale,
                "urn:insurecrm:problem:coil-cluster-run-in-progress", "A CoIL cluster run is in progress");
    }

    /** The active value band rules and every version, newest first. */
    record BandRulesView(CoilValueBandRules active, List<CoilValueBandRules> versions) {
    }

    /**
     * Proposed value bands ({@code band} NONE, LOW, MIDDLE, HIGH or TOP; {@code to} null = no upper bound), why, and the
     * version the proposal was based on ({@code basedOnVersion}, required to save).
     */
    record BandsRequest(List<CoilValueBandRules.Band> bands, String reason, Integer basedOnVersion) {
    }

    @GetMapping("/value-bands")
    @Operation(summary = "The value band rules of the CoIL book: the active version (its bands of the estimated annual "
            + "premium in NLG, each holding on [from, to), to null = no upper bound) and every version with who saved it, "
            + "when and why (reason in the caller's language: the seed's through its message key reasonKey, a saved one "
            + "as written), newest first")
    BandRulesView bandRules(Locale locale) {
        return new BandRulesView(bandRules.active().inLanguage(messages, locale),
                bandRules.versions().stream().map(rules -> rules.inLanguage(messages, locale)).toList());
    }

    @PostMapping("/value-bands/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "What proposed value bands would do, nothing saved: how many customers of the CoIL book would move "
            + "from which band of the active rules to which proposed band (the migration matrix; for analysts small cells "
            + "withheld)",
            description = "Body {\"bands\": [{\"band\": \"NONE\", \"from\": 0, \"to\": 1}, {\"band\": \"LOW\", \"from\": 1, "
                    + "\"to\": 800}, ..., {\"band\": \"TOP\", \"from\": 6000, \"to\": null}]}; the reason is not needed. "
                    + "The bands must cover [0, ∞) exactly once, each code at most once and upwards in the order NONE, LOW, "
                    + "MIDDLE, HIGH, TOP; NONE, when used, is [0, 1).")
    @ApiResponse(responseCode = "200", description = "The migration matrix")
    @ApiResponse(responseCode = "400", description = "Invalid bands (RFC 9457 problem with `errors`, each naming its field)")
    CoilBandMatrix previewBands(@RequestBody BandsRequest body) {
        return CoilBandMatrix.of(bandRules.preview(body == null ? null : body.bands()), smallCells.threshold());
    }

    @PostMapping("/value-bands")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Save proposed value bands as the next version, the active one (recorded as RULE_CHANGE); the "
            + "segment figures follow it at once",
            description = "Body as the preview's with a reason (required, at most 500 characters) and basedOnVersion, the version "
                    + "the proposal was based on (required): a save based on another version than the active one is refused.")
    @ApiResponse(responseCode = "201", description = "The saved version")
    @ApiResponse(responseCode = "400", description = "Invalid bands, no reason or no basedOnVersion (RFC 9457 problem with `errors`, "
            + "each naming its field)")
    @ApiResponse(responseCode = "409", description = StaleRuleVersion.API_409)
    ResponseEntity<CoilValueBandRules> saveBands(@RequestBody BandsRequest body) {
        CoilValueBandRules saved = bandRules.save(body == null ? null : body.bands(), body == null ? null : body.reason(),
                body == null ? null : body.basedOnVersion(), CurrentStaff.username());
        audit.record(AuditAction.RULE_CHANGE, null, List.of("coil_value_band_rule_set"), "CoIL value bands v" + saved.version());
        return ResponseEntity.created(URI.create("/api/coil/value-bands")).body(saved);
    }

    /** The active CoIL cluster rules and every version, newest first. */
    record ClusterRulesView(CoilClusterRule active, List<CoilClusterRule> versions) {
    }

    /** Proposed CoIL cluster rules, why (required to save) and the version they were based on (required to save). */
    record ClusterRulesRequest(Double minZ, Integer traits, Integer maxTraits, Double commonProduct, Double productWeight,
                               Double demographicWeight, Double mainTypeWeight, String reason, Integer basedOnVersion) {

        CoilClusterRule.Proposal proposal() {
            return new CoilClusterRule.Proposal(minZ, traits, maxTraits, commonProduct, productWeight, demographicWeight,
                    mainTypeWeight);
        }
    }

    @GetMapping("/cluster-rules")
    @Operation(summary = "The CoIL cluster rules: the active version (naming: minZ, traits, maxTraits, commonProduct; weights "
            + "of each product, demographic and main type feature) and every version with who saved it, when and why "
            + "(reason in the caller's language: the seed's through its message key reasonKey, a saved one as written), "
            + "newest first. A run records the version it used (ruleVersion on the run)")
    ClusterRulesView clusterRules(Locale locale) {
        return new ClusterRulesView(clusterRules.active().inLanguage(messages, locale),
                clusterRules.versions().stream().map(rule -> rule.inLanguage(messages, locale)).toList());
    }

    @PostMapping("/cluster-rules/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "What proposed cluster rules would do, nothing saved: the current run's clusters named now (with the "
            + "rule version the run used) and under the proposed naming, from the z profiles and book means the run stored; "
            + "weightsChanged when the weights differ from the active ones (weights apply from the next run)",
            description = "Body {\"minZ\": 0.8, \"traits\": 2, \"maxTraits\": 4, \"commonProduct\": 0.2, "
                    + "\"productWeight\": 1, \"demographicWeight\": 0.5, \"mainTypeWeight\": 0.35}: minZ 0.1-3, traits "
                    + "1-6, maxTraits traits-6, commonProduct 0-1, each weight 0.05-5.")
    @ApiResponse(responseCode = "200", description = "The names now and proposed per cluster")
    @ApiResponse(responseCode = "400", description = "Invalid rules (RFC 9457 problem with `errors`, each naming its field)")
    CoilClusterRuleViews previewClusterRules(@RequestBody(required = false) ClusterRulesRequest body, Locale locale) {
        return CoilClusterRuleViews.of(clusterRules.preview(body == null ? null : body.proposal()), messages, locale);
    }

    @PostMapping("/cluster-rules")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Save proposed cluster rules as the next version, the active one (recorded as RULE_CHANGE); the next "
            + "run weighs and names by them, the runs before keep their names",
            description = "Body as the preview's with a reason (required, at most 500 characters) and basedOnVersion, the version "
                    + "the proposal was based on (required): a save based on another version than the active one is refused.")
    @ApiResponse(responseCode = "201", description = "The saved version")
    @ApiResponse(responseCode = "400", description = "Invalid rules, no reason or no basedOnVersion (RFC 9457 problem with `errors`, "
            + "each naming its field)")
    @ApiResponse(responseCode = "409", description = StaleRuleVersion.API_409)
    ResponseEntity<CoilClusterRule> saveClusterRules(@RequestBody(required = false) ClusterRulesRequest body) {
        CoilClusterRule saved = clusterRules.save(body == null ? null : body.proposal(), body == null ? null : body.reason(),
                body == null ? null : body.basedOnVersion(), CurrentStaff.username());
        audit.record(AuditAction.RULE_CHANGE, null, List.of("coil_cluster_rule_set"), "CoIL cluster rules v" + saved.version());
        return ResponseEntity.created(URI.create("/api/coil/cluster-rules")).body(saved);
    }

    @ExceptionHandler(InvalidCoilValueBands.class)
    ProblemDetail invalidBands(InvalidCoilValueBands e, Locale locale) {
        List<Map<String, String>> errors = e.problems().stream()
                .map(p -> Map.of("field", p.field(), "code", p.code(),
                        "message", messages.getMessage(p.code(), p.arguments().toArray(), p.code(), locale)))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", errors.stream().map(m -> m.get("message")).toList()));
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle("Invalid CoIL value bands");
        problem.setProperty("errors", errors);
        return problem;
    }

    @GetMapping("/summary")
    @Operation(summary = "Customers, holders of at least one policy, policies and 客均合同 (policies per holder) for "
            + "TRAIN, EVAL and ALL; holdings per product; figures per customer main type (MOSHOOFD). For analysts a product "
            + "or main type of fewer than k customers (and the next smallest when it would be the only one) has "
            + "suppressed = true and null figures (docs/privacy.md section 7)")
    CoilSummary summary() {
        return book.summary().withSmallCellsWithheld(smallCells);
    }

    @PostMapping("/load")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Load (or reload: nothing changes when the files did not) the CoIL files from crm.coil.dir")
    CoilBook.LoadResult load() {
        return book.load();
    }

    @ExceptionHandler(CoilFileRefused.class)
    ProblemDetail refused(CoilFileRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(URI.create("urn:insurecrm:problem:coil-file-refused"));
        problem.setTitle("CoIL file refused");
        return problem;
    }
}
