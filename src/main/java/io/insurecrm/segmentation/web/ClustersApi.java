package io.insurecrm.segmentation.web;

import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.RunEndpoints;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.segmentation.ClusterNamingRule;
import io.insurecrm.segmentation.ClusterNamingRules;
import io.insurecrm.segmentation.ClusterRun;
import io.insurecrm.segmentation.ClusterRunInProgress;
import io.insurecrm.segmentation.ClusterSchedule;
import io.insurecrm.segmentation.ClusterSettings;
import io.insurecrm.segmentation.NeedClusters;
import io.insurecrm.segmentation.NeedFeature;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Need clusters over the API: aggregates of the whole book only (no customer is named); runs started by analysts and admins. */
@RestController
@RequestMapping("/api/segments/clusters")
@Tag(name = "Need clusters", description = "Clusters of similar protection needs found by k-means++ over the whole book, "
        + "each named by its dominant traits, as versioned runs (docs/segmentation.md, Clusters)")
class ClustersApi {

    private final NeedClusters clusters;
    private final ClusterViews views;
    private final MessageSource messages;
    private final ClusterSchedule schedule;
    private final ClusterNamingRules naming;
    private final AccessAudit audit;

    ClustersApi(NeedClusters clusters, ClusterViews views, MessageSource messages, ClusterSchedule schedule,
                ClusterNamingRules naming, AccessAudit audit) {
        this.clusters = clusters;
        this.naming = naming;
        this.audit = audit;
        this.views = views;
        this.messages = messages;
        this.schedule = schedule;
    }

    /**
     * The current run (null before the first finished run) and its clusters; the run in progress, if any; the features;
     * the schedule (cron null when disabled, its next time, the latest firing: STARTED with its run, or SKIPPED with
     * the run that was in progress).
     */
    record Current(ClusterRun run, List<ClusterViews.ClusterView> clusters, ClusterRun running, List<Feature> features,
                   ClusterSchedule.State schedule) {
    }

    /** A feature with its label in the reader's language and its unit. */
    record Feature(NeedFeature feature, String label, NeedFeature.Unit unit) {
    }

    /**
     * What to run: {@code k} clusters (2–12), or {@code chooseK: true} for the k of the best mean silhouette over the
     * configured range (default 2–8). Exactly one of the two.
     */
    record RunRequest(Integer k, Boolean chooseK) {
    }

    @GetMapping
    @Operation(summary = "The current clusters (the latest finished run): size, share, 客均合同, traits, names in both languages, "
            + "profile per feature (in its unit and in book standard deviations), the previous run's cluster sharing the most "
            + "members (previousClusterNo) and the share of members carried from it (carriedShare, 0-1); the run in progress; "
            + "the schedule of runs (cron, zone, k, next, the latest firing); each run says what started it (trigger REQUEST "
            + "or SCHEDULE)")
    Current current(Locale locale) {
        List<Feature> features = Arrays.stream(NeedFeature.values())
                .map(f -> new Feature(f, views.feature(f, locale), f.unit())).toList();
        ClusterRun running = clusters.running().orElse(null);
        ClusterSchedule.State scheduled = schedule.state();
        return clusters.current()
                .map(run -> {
                    ClusterViews.RunView view = views.of(run, clusters.clusters(run.id()), locale);
                    return new Current(run, view.clusters(), running, features, scheduled);
                })
                .orElseGet(() -> new Current(null, List.of(), running, features, scheduled));
    }

    @GetMapping("/runs")
    @Operation(summary = "The latest 50 runs, newest first, with status, phase and progress (FAILED runs with their error) "
            + "and what started each (trigger: REQUEST by startedBy, or SCHEDULE)")
    List<ClusterRun> runs() {
        return clusters.runs(50);
    }

    @GetMapping("/runs/{runId}")
    @Operation(summary = "One run and its clusters (none unless it finished)")
    @ApiResponse(responseCode = "404", description = "No such run")
    ClusterViews.RunView run(@PathVariable("runId") long runId, Locale locale) {
        ClusterRun run = RunEndpoints.found(clusters.run(runId), "segmentation.clusters.runNotFound", runId);
        return views.of(run, clusters.clusters(runId), locale);
    }

    @PostMapping("/runs")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Start a run over the whole book in the background (one at a time); poll GET /runs/{runId} for progress",
            description = "Body {\"k\": 6} or {\"chooseK\": true}. Deterministic: the same book gives the same clusters.")
    @ApiResponse(responseCode = "202", description = "The run, RUNNING")
    @ApiResponse(responseCode = "400", description = "Neither or both of k and chooseK, or k outside 2–12")
    @ApiResponse(responseCode = "409", description = "Another run is in progress")
    ResponseEntity<ClusterRun> start(@RequestBody RunRequest body) {
        Integer k = validated(body == null ? null : body.k(), body != null && Boolean.TRUE.equals(body.chooseK()));
        ClusterRun run = clusters.start(k, CurrentStaff.username());
        return RunEndpoints.accepted("/api/segments/clusters/runs", run.id(), run);
    }

    /** k to run (null = choose); refuses neither and both, and a k outside the range. */
    static Integer validated(Integer k, boolean chooseK) {
        if ((k == null) != chooseK) {
            throw new FieldRuleViolation("k", "segmentation.clusters.kOrChoose", ClusterSettings.MIN_K, ClusterSettings.MAX_K);
        }
        if (k != null && (k < ClusterSettings.MIN_K || k > ClusterSettings.MAX_K)) {
            throw new FieldRuleViolation("k", "segmentation.clusters.badK", k, ClusterSettings.MIN_K, ClusterSettings.MAX_K);
        }
        return k;
    }

    /** The active naming rule and every version, newest first. */
    record NamingRulesView(ClusterNamingRule active, List<ClusterNamingRule> versions) {
    }

    /** A proposed naming rule, why (required to save) and the version it was based on (required to save). */
    record NamingRequest(Double minZ, Integer traits, Integer maxTraits, String reason, Integer basedOnVersion) {

        ClusterNamingRule.Proposal proposal() {
            return new ClusterNamingRule.Proposal(minZ, traits, maxTraits);
        }
    }

    @GetMapping("/naming")
    @Operation(summary = "The naming rule of the clusters: the active version (minZ: the least |z| of a trait; traits: the "
            + "traits of a name; maxTraits: the most a colliding name grows to) and every version with who saved it, when "
            + "and why (reason in the caller's language: the seed's through its message key reasonKey, a saved one as "
            + "written), newest first. A run records the version it was named by (ruleVersion on the run) and keeps its names")
    NamingRulesView namingRules(Locale locale) {
        return new NamingRulesView(naming.active().inLanguage(messages, locale),
                naming.versions().stream().map(rule -> rule.inLanguage(messages, locale)).toList());
    }

    @PostMapping("/naming/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "What a proposed naming rule would call the current run's clusters, nothing saved: each cluster's "
            + "names now (with the naming version the run used) and under the proposal, in both languages, from the z "
            + "profiles the run stored",
            description = "Body {\"minZ\": 0.8, \"traits\": 2, \"maxTraits\": 4}: minZ 0.1-3, traits 1-6, maxTraits traits-6.")
    @ApiResponse(responseCode = "200", description = "The names now and proposed per cluster")
    @ApiResponse(responseCode = "400", description = "An invalid rule (RFC 9457 problem with `errors`, each naming its field)")
    NamingPreviewView previewNaming(@RequestBody(required = false) NamingRequest body) {
        return NamingPreviewView.of(naming.preview(body == null ? null : body.proposal()), messages);
    }

    @PostMapping("/naming")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Save a proposed naming rule as the next version, the active one (recorded as RULE_CHANGE); the next "
            + "run names by it, the runs before keep their names",
            description = "Body as the preview's with a reason (required, at most 500 characters) and basedOnVersion, the version "
                    + "the proposal was based on (required): a save based on another version than the active one is refused.")
    @ApiResponse(responseCode = "201", description = "The saved version")
    @ApiResponse(responseCode = "400", description = "An invalid rule, no reason or no basedOnVersion (RFC 9457 problem with `errors`, "
            + "each naming its field)")
    @ApiResponse(responseCode = "409", description = StaleRuleVersion.API_409)
    ResponseEntity<ClusterNamingRule> saveNaming(@RequestBody(required = false) NamingRequest body) {
        ClusterNamingRule saved = naming.save(body == null ? null : body.proposal(), body == null ? null : body.reason(),
                body == null ? null : body.basedOnVersion(), CurrentStaff.username());
        audit.record(AuditAction.RULE_CHANGE, null, List.of("need_cluster_naming_rule_set"),
                "cluster naming rule v" + saved.version());
        return ResponseEntity.created(java.net.URI.create("/api/segments/clusters/naming")).body(saved);
    }

    @ExceptionHandler(ClusterRunInProgress.class)
    ProblemDetail inProgress(ClusterRunInProgress e, Locale locale) {
        return RunEndpoints.inProgress(e, messages, "segmentation.clusters.inProgress", locale,
                "urn:insurecrm:problem:cluster-run-in-progress", "A cluster run is in progress");
    }

}
