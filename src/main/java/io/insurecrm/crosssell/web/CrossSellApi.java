package io.insurecrm.crosssell.web;

import io.insurecrm.crosssell.FamilyView;
import io.insurecrm.crosssell.GapRule;
import io.insurecrm.crosssell.GapRuleSet;
import io.insurecrm.crosssell.GapRules;
import io.insurecrm.crosssell.CoverageGaps;
import io.insurecrm.crosssell.InvalidAnswers;
import io.insurecrm.crosssell.Incentive;
import io.insurecrm.crosssell.IncentiveSet;
import io.insurecrm.crosssell.Incentives;
import io.insurecrm.crosssell.InvalidGapRules;
import io.insurecrm.crosssell.InvalidIncentives;
import io.insurecrm.crosssell.RowProblem;
import io.insurecrm.crosssell.LineModel;
import io.insurecrm.crosssell.ModelTraining;
import io.insurecrm.crosssell.NextBest;
import io.insurecrm.crosssell.ProductComparison;
import io.insurecrm.crosssell.ProductFacts;
import io.insurecrm.crosssell.PropensityModels;
import io.insurecrm.crosssell.QuestionnaireAnswers;
import io.insurecrm.crosssell.QuestionnaireReport;
import io.insurecrm.crosssell.Questionnaires;
import io.insurecrm.crosssell.Recommendations;
import io.insurecrm.crosssell.TargetList;
import io.insurecrm.crosssell.TrainingAlreadyRunning;
import io.insurecrm.crosssell.TrainingRun;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.product.ProductLine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
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

/**
 * Cross-sell over the API: gap rules, incentives per VALUE tier, household gaps and pack, questionnaires, comparison,
 * models, target lists.
 */
@RestController
@RequestMapping("/api/crosssell")
@Tag(name = "Cross-sell", description = "Coverage gaps by versioned rules, the family protection pack, pre-sale "
        + "questionnaires, product comparison, per-line propensity models and target lists (docs/cross-sell.md)")
class CrossSellApi {

    static final String READERS = "hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','COMPLIANCE','ADMIN')";
    static final String WRITERS = "hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')";

    private final GapRules rules;
    private final CoverageGaps gaps;
    private final Questionnaires questionnaires;
    private final ProductComparison comparison;
    private final PropensityModels models;
    private final ModelTraining training;
    private final Recommendations recommendations;
    private final Incentives incentives;
    private final AccessAudit audit;
    private final MessageSource messages;

    CrossSellApi(GapRules rules, CoverageGaps gaps, Questionnaires questionnaires, ProductComparison comparison,
                 PropensityModels models, ModelTraining training, Recommendations recommendations, Incentives incentives,
                 AccessAudit audit, MessageSource messages) {
        this.incentives = incentives;
        this.rules = rules;
        this.gaps = gaps;
        this.questionnaires = questionnaires;
        this.comparison = comparison;
        this.models = models;
        this.training = training;
        this.recommendations = recommendations;
        this.audit = audit;
        this.messages = messages;
    }

    /** Gap rules to save, in evaluation order, with the version they were made from and why (both required). */
    record GapRulesBody(
            @Schema(description = "The version the rules were made from: the active one, or the save is refused (409)",
                    example = "3") Integer basedOnVersion,
            @Schema(description = "Why the rules change, 1–500 characters; kept with the version",
                    example = "新增高龄医疗缺口规则") String reason,
            List<GapRule> rules) {
    }

    /** Incentives to save, in order, with the version they were made from and why (both required). */
    record IncentivesBody(
            @Schema(description = "The version the incentives were made from: the active one, or the save is refused (409)",
                    example = "2") Integer basedOnVersion,
            @Schema(description = "Why the incentives change, 1–500 characters; kept with the version",
                    example = "第四季度加大高价值客户折扣") String reason,
            List<Incentive> incentives) {
    }

    @GetMapping("/rules")
    @Operation(summary = "The active gap rule set (version, reason, rules in evaluation order)")
    GapRuleSet activeRules() {
        return rules.active();
    }

    @PutMapping("/rules")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Save the rules as the next version and make it active",
            description = "The body carries the rules, the version they were made from (`basedOnVersion`, the active "
                    + "one) and why (`reason`, 1–500 characters, kept with the version). Every problem (unknown life "
                    + "stage or line, bad ages, missing explanation, unknown placeholder, missing reason or version…) "
                    + "is listed in a 400 problem with the row (0 for the set as a whole) and field; a save made from "
                    + "another version than the active one is refused with 409.")
    @ApiResponse(responseCode = "201", description = "The saved rule set, with its reason")
    @ApiResponse(responseCode = "400", description = "Invalid rules, reason or version (RFC 9457 problem with `errors`)")
    @ApiResponse(responseCode = "409", description = StaleRuleVersion.API_409)
    ResponseEntity<GapRuleSet> saveRules(@RequestBody GapRulesBody body) {
        String by = CurrentStaff.username();
        GapRuleSet saved = rules.save(body.rules() == null ? List.of() : body.rules(), body.reason(),
                body.basedOnVersion(), by);
        audit.record(AuditAction.RULE_CHANGE, null, List.of("crosssell_gap_rule_set"), "cross-sell gap rules v" + saved.version());
        return ResponseEntity.created(URI.create("/api/crosssell/rules")).body(saved);
    }

    @GetMapping("/incentives")
    @Operation(summary = "The active incentives per VALUE tier (version, reason, incentives in order)")
    IncentiveSet activeIncentives() {
        return incentives.active();
    }

    @PutMapping("/incentives")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Save the incentives as the next version and make it active",
            description = "The body carries the incentives, the version they were made from (`basedOnVersion`, the "
                    + "active one) and why (`reason`, 1–500 characters, kept with the version). Every problem (unknown "
                    + "tier or kind, negative or out-of-range discount, points missing, two incentives for the same "
                    + "tier and line, empty description, missing reason or version…) is listed in a 400 problem with "
                    + "the row (0 for the set as a whole) and field; a save made from another version than the active "
                    + "one is refused with 409.")
    @ApiResponse(responseCode = "201", description = "The saved incentive set, with its reason")
    @ApiResponse(responseCode = "400", description = "Invalid incentives, reason or version (RFC 9457 problem with `errors`)")
    @ApiResponse(responseCode = "409", description = StaleRuleVersion.API_409)
    ResponseEntity<IncentiveSet> saveIncentives(@RequestBody IncentivesBody body) {
        String by = CurrentStaff.username();
        IncentiveSet saved = incentives.save(body.incentives() == null ? List.of() : body.incentives(), body.reason(),
                body.basedOnVersion(), by);
        audit.record(AuditAction.RULE_CHANGE, null, List.of("crosssell_incentive_set"),
                "cross-sell incentives v" + saved.version());
        return ResponseEntity.created(URI.create("/api/crosssell/incentives")).body(saved);
    }

    @GetMapping("/customers/{customerId}/family")
    @PreAuthorize(READERS)
    @Operation(summary = "Coverage gaps of the customer's whole household and the family protection pack")
    @ApiResponse(responseCode = "404", description = "No such customer in the caller's scope")
    FamilyView family(@PathVariable("customerId") long customerId) {
        FamilyView view = gaps.family(customerId, CurrentStaff.scope());
        audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("household", "policies", "coverage_gaps"), null);
        return view;
    }

    @GetMapping("/customers/{customerId}/next-best")
    @PreAuthorize(READERS)
    @Operation(summary = "The customer's next-best product lines by the latest models, with reasons",
            description = "`status` says why the list is empty: NOT_TRAINED, NO_ANALYTICS_CONSENT or NOT_APPLICABLE.")
    @ApiResponse(responseCode = "404", description = "No such customer in the caller's scope")
    NextBest nextBest(@PathVariable("customerId") long customerId,
                      @RequestParam(name = "limit", defaultValue = "5") int limit) {
        NextBest best = recommendations.forCustomer(customerId, CurrentStaff.scope(), Math.max(1, Math.min(limit, 20)));
        audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("next_best_products"), null);
        return best;
    }

    @PostMapping("/questionnaires")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Store a pre-sale gap questionnaire and return its gap report")
    @ApiResponse(responseCode = "201", description = "The stored report")
    @ApiResponse(responseCode = "400", description = "Missing or absurd answers, each named (RFC 9457 problem with `errors`)")
    ResponseEntity<QuestionnaireReport> submit(@RequestBody QuestionnaireAnswers answers) {
        QuestionnaireReport report = questionnaires.submit(answers, CurrentStaff.scope());
        return ResponseEntity.created(URI.create("/api/crosssell/questionnaires/" + report.id())).body(report);
    }

    @GetMapping("/questionnaires/{questionnaireId}")
    @PreAuthorize(READERS)
    @Operation(summary = "A stored questionnaire and its gap report")
    @ApiResponse(responseCode = "404", description = "No such questionnaire the caller may see")
    QuestionnaireReport questionnaire(@PathVariable("questionnaireId") long questionnaireId) {
        return questionnaires.find(questionnaireId, CurrentStaff.scope());
    }

    @GetMapping("/products/compare")
    @Operation(summary = "Two to four catalogue products side by side, with figures from the book")
    @ApiResponse(responseCode = "400", description = "Fewer than two, more than four, or an unknown product")
    List<ProductFacts> compare(@RequestParam("ids") List<Long> ids) {
        return comparison.compare(ids);
    }

    @GetMapping("/targets")
    @PreAuthorize(READERS)
    @Operation(summary = "Customers to offer a product line to, best first, with reasons",
            description = "Only customers in the caller's scope with marketing consent who do not hold the line. "
                    + "`status` NOT_TRAINED: no model yet (train one first); the list is then empty, never random.")
    TargetList targets(@RequestParam("line") ProductLine line, @RequestParam(name = "limit", defaultValue = "100") int limit) {
        TargetList list = recommendations.targets(line, limit, CurrentStaff.scope());
        audit.record(AuditAction.EXPORT, null, List.of("name", "city", "propensity"),
                "cross-sell target list " + line + " (" + list.targets().size() + " customers, API)");
        return list;
    }

    record ModelSummary(ProductLine line, int version, Instant trainedAt, int trainRows, int positives, int holdoutRows,
                        Double auc, Double logLoss, Double liftTop20, long tookMs, List<String> features) {
        static ModelSummary of(LineModel m) {
            return new ModelSummary(m.line(), m.version(), m.trainedAt(), m.trainRows(), m.positives(), m.holdoutRows(),
                    m.auc(), m.logLoss(), m.liftTop20(), m.tookMs(), m.features());
        }
    }

    @GetMapping("/models")
    @Operation(summary = "Every stored model version per line with its hold-out metrics, newest first")
    List<ModelSummary> models() {
        return models.history().stream().map(ModelSummary::of).toList();
    }

    @PostMapping("/models/training")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Retrain every line's model and rescore the book, in the background")
    @ApiResponse(responseCode = "202", description = "The run started; poll its progress")
    @ApiResponse(responseCode = "409", description = "A run is already under way")
    ResponseEntity<TrainingRun> train() {
        String by = CurrentStaff.username();
        TrainingRun run = training.start(by);
        audit.record(AuditAction.RULE_CHANGE, null, List.of("crosssell_model"), "cross-sell training run " + run.id());
        return ResponseEntity.accepted().location(URI.create("/api/crosssell/models/training/" + run.id())).body(run);
    }

    @GetMapping("/models/training/{runId}")
    @Operation(summary = "A training run's progress")
    @ApiResponse(responseCode = "404", description = "No such run")
    TrainingRun run(@PathVariable("runId") long runId) {
        return training.find(runId).orElseThrow(() -> NotFoundException.of("crosssell.training.notFound", runId));
    }

    @ExceptionHandler(InvalidGapRules.class)
    ProblemDetail invalidRules(InvalidGapRules e, Locale locale) {
        return problem("Invalid gap rules", rowErrors(e.problems(), locale), locale);
    }

    @ExceptionHandler(InvalidIncentives.class)
    ProblemDetail invalidIncentives(InvalidIncentives e, Locale locale) {
        return problem("Invalid incentives", rowErrors(e.problems(), locale), locale);
    }

    /** Each problem of an edited rule table as row, field, code and the message in the caller's language. */
    private List<Map<String, Object>> rowErrors(List<? extends RowProblem> problems, Locale locale) {
        return problems.stream().map(p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("row", p.row());
            error.put("field", p.field());
            error.put("code", p.code());
            error.put("message", messages.getMessage(p.code(), p.arguments().toArray(), p.code(), locale));
            return error;
        }).toList();
    }

    @ExceptionHandler(InvalidAnswers.class)
    ProblemDetail invalidAnswers(InvalidAnswers e, Locale locale) {
        List<Map<String, Object>> errors = e.problems().stream().map(p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", p.field());
            error.put("message", messages.getMessage(p.code(), p.arguments().toArray(), p.code(), locale));
            return error;
        }).toList();
        return problem("Invalid questionnaire answers", errors, locale);
    }

    @ExceptionHandler(TrainingAlreadyRunning.class)
    ProblemDetail running(TrainingAlreadyRunning e, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                messages.getMessage("crosssell.training.running", null, e.getMessage(), locale));
        problem.setTitle("Training under way");
        return problem;
    }

    private ProblemDetail problem(String title, List<Map<String, Object>> errors, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", errors.stream().map(m -> String.valueOf(m.get("message"))).toList()));
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle(title);
        problem.setProperty("errors", errors);
        return problem;
    }
}
