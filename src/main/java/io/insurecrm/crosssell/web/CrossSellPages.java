package io.insurecrm.crosssell.web;

import io.insurecrm.crosssell.CoverageGaps;
import io.insurecrm.crosssell.FamilyView;
import io.insurecrm.crosssell.GapRuleProblem;
import io.insurecrm.crosssell.GapRuleSet;
import io.insurecrm.crosssell.GapRules;
import io.insurecrm.crosssell.InvalidAnswers;
import io.insurecrm.crosssell.IncentiveProblem;
import io.insurecrm.crosssell.IncentiveSet;
import io.insurecrm.crosssell.Incentives;
import io.insurecrm.crosssell.InvalidGapRules;
import io.insurecrm.crosssell.InvalidIncentives;
import io.insurecrm.crosssell.ModelTraining;
import io.insurecrm.crosssell.NextBest;
import io.insurecrm.crosssell.ProductComparison;
import io.insurecrm.crosssell.PropensityModels;
import io.insurecrm.crosssell.QuestionnaireAnswers;
import io.insurecrm.crosssell.QuestionnaireReport;
import io.insurecrm.crosssell.Questionnaires;
import io.insurecrm.crosssell.Recommendations;
import io.insurecrm.crosssell.TargetList;
import io.insurecrm.crosssell.TrainingAlreadyRunning;
import io.insurecrm.crosssell.TrainingRun;
import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.platform.rules.RuleChecks;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.product.ProductLine;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Cross-sell pages: the gap rule editor, the incentives per VALUE tier, the family view with its pack, the 360 panel (htmx), the questionnaire and
 * its report, the product comparison, the models with retraining and progress, and the target lists (page + CSV).
 */
@Controller
class CrossSellPages {

    private static final Set<Role> RULE_EDITORS = EnumSet.of(Role.ANALYST, Role.ADMIN);

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
    private final java.time.Clock clock;

    CrossSellPages(GapRules rules, CoverageGaps gaps, Questionnaires questionnaires, ProductComparison comparison,
                   PropensityModels models, ModelTraining training, Recommendations recommendations,
                   Incentives incentives, AccessAudit audit, MessageSource messages, java.time.Clock clock) {
        this.clock = clock;
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

    private static boolean editor() {
        return CurrentStaff.get().map(staff -> RULE_EDITORS.contains(staff.role())).orElse(false);
    }

    private static String username() {
        return CurrentStaff.username();
    }

    @GetMapping("/crosssell")
    String index() {
        return "crosssell/index";
    }

    // --- gap rules -------------------------------------------------------------------------------------------------

    @GetMapping("/crosssell/rules")
    String rules(Model model) {
        GapRuleSet active = rules.active();
        model.addAttribute("ruleSet", active);
        model.addAttribute("versions", rules.versions());
        model.addAttribute("mayEdit", editor());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", GapRulesForm.of(active.rules(), active.version()));
        }
        model.addAttribute("maxReason", RuleChecks.MAX_REASON);
        model.addAttribute("lines", ProductLine.values());
        return "crosssell/rules";
    }

    @PostMapping("/crosssell/rules")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String saveRules(@ModelAttribute("form") GapRulesForm form, Model model, RedirectAttributes redirect) {
        GapRulesForm.Parsed parsed = form.parse();
        List<GapRuleProblem> problems = new ArrayList<>(parsed.problems());
        if (problems.isEmpty()) {
            try {
                GapRuleSet saved = rules.save(parsed.rules(), form.getReason(), form.basedOn(), username());
                audit.record(AuditAction.RULE_CHANGE, null, List.of("crosssell_gap_rule_set"),
                        "cross-sell gap rules v" + saved.version());
                redirect.addFlashAttribute("savedVersion", saved.version());
                return "redirect:/crosssell/rules";
            } catch (InvalidGapRules e) {
                problems.addAll(e.problems());
            } catch (StaleRuleVersion e) {
                stale(model, form, e);
            }
        } else {
            problems.addAll(GapRules.noteProblems(form.getReason(), form.basedOn()));
        }
        model.addAttribute("problems", problems);
        return rules(model);
    }

    // --- incentives per VALUE tier --------------------------------------------------------------------------------

    @GetMapping("/crosssell/incentives")
    String incentives(Model model) {
        IncentiveSet active = incentives.active();
        model.addAttribute("incentiveSet", active);
        model.addAttribute("versions", incentives.versions());
        model.addAttribute("tiers", incentives.tiers());
        model.addAttribute("mayEdit", editor());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", IncentivesForm.of(active.incentives(), active.version()));
        }
        model.addAttribute("maxReason", RuleChecks.MAX_REASON);
        model.addAttribute("lines", ProductLine.values());
        return "crosssell/incentives";
    }

    @PostMapping("/crosssell/incentives")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String saveIncentives(@ModelAttribute("form") IncentivesForm form, Model model, RedirectAttributes redirect) {
        IncentivesForm.Parsed parsed = form.parse();
        List<IncentiveProblem> problems = new ArrayList<>(parsed.problems());
        // what the set's check finds too, except on the fields that did not even parse
        Set<String> unparsed = problems.stream().map(p -> p.row() + "/" + p.field()).collect(Collectors.toSet());
        incentives.check(parsed.incentives()).stream().filter(p -> !unparsed.contains(p.row() + "/" + p.field()))
                .forEach(problems::add);
        problems.sort(java.util.Comparator.comparingInt(IncentiveProblem::row));
        if (problems.isEmpty()) {
            try {
                IncentiveSet saved = incentives.save(parsed.incentives(), form.getReason(), form.basedOn(), username());
                audit.record(AuditAction.RULE_CHANGE, null, List.of("crosssell_incentive_set"),
                        "cross-sell incentives v" + saved.version());
                redirect.addFlashAttribute("savedVersion", saved.version());
                return "redirect:/crosssell/incentives";
            } catch (InvalidIncentives e) {
                problems.addAll(e.problems());
            } catch (StaleRuleVersion e) {
                stale(model, form, e);
            }
        } else {
            problems.addAll(Incentives.noteProblems(form.getReason(), form.basedOn()));
        }
        model.addAttribute("problems", problems);
        return incentives(model);
    }

    /** What was typed comes back with why it was not saved, now made from the active version: saving again replaces it. */
    private void stale(Model model, VersionedForm form, StaleRuleVersion e) {
        model.addAttribute("staleMessage", e.message(messages, LocaleContextHolder.getLocale(), clock.getZone()));
        form.setBasedOnVersion(String.valueOf(e.activeVersion()));
    }

    // --- family view and 360 panel --------------------------------------------------------------------------------

    @GetMapping("/crosssell/customers/{customerId}/family")
    String family(@PathVariable long customerId, Model model) {
        FamilyView view = gaps.family(customerId, CurrentStaff.scope());
        audit.record(AuditAction.VIEW_CUSTOMER, customerId, List.of("household", "policies", "coverage_gaps"), null);
        model.addAttribute("family", view);
        return "crosssell/family";
    }

    /** htmx: the cross-sell section of the Customer 360 page. */
    @GetMapping("/crosssell/customers/{customerId}/panel")
    String panel(@PathVariable long customerId, Model model) {
        FamilyView view = gaps.family(customerId, CurrentStaff.scope());
        NextBest best = recommendations.forCustomer(customerId, CurrentStaff.scope(), 3);
        audit.record(AuditAction.VIEW_CUSTOMER, customerId, List.of("coverage_gaps", "next_best_products"), null);
        model.addAttribute("customerId", customerId);
        model.addAttribute("gaps", view.gaps().stream().filter(g -> g.customerId() != null && g.customerId() == customerId).toList());
        model.addAttribute("householdGaps", view.gaps().size());
        model.addAttribute("nextBest", best);
        return "crosssell/panel :: panel";
    }

    // --- questionnaire ----------------------------------------------------------------------------------------------

    @GetMapping("/crosssell/questionnaires/new")
    String newQuestionnaire(@RequestParam(name = "customerId", required = false) Long customerId, Model model) {
        if (!model.containsAttribute("form")) {
            QuestionnaireForm form = new QuestionnaireForm();
            form.setCustomerId(customerId == null ? null : customerId.toString());
            model.addAttribute("form", form);
        }
        model.addAttribute("lines", ProductLine.values());
        model.addAttribute("maritalStatuses", List.of("SINGLE", "MARRIED", "DIVORCED", "WIDOWED"));
        return "crosssell/questionnaire";
    }

    @PostMapping("/crosssell/questionnaires")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    String submit(@ModelAttribute("form") QuestionnaireForm form, Model model) {
        QuestionnaireForm.Parsed parsed = form.parse();
        List<QuestionnaireAnswers.Problem> problems = new ArrayList<>(parsed.problems());
        if (problems.isEmpty()) {
            try {
                QuestionnaireReport report = questionnaires.submit(parsed.answers(), CurrentStaff.scope());
                return "redirect:/crosssell/questionnaires/" + report.id();
            } catch (InvalidAnswers e) {
                problems.addAll(e.problems());
            } catch (NotFoundException e) {
                problems.add(new QuestionnaireAnswers.Problem("customerId", "crosssell.questionnaire.invalid.customer",
                        List.of(form.getCustomerId())));
            }
        }
        model.addAttribute("problems", problems.stream()
                .collect(Collectors.groupingBy(QuestionnaireAnswers.Problem::field)));
        model.addAttribute("problemList", problems);
        return newQuestionnaire(null, model);
    }

    @GetMapping("/crosssell/questionnaires/{questionnaireId}")
    String report(@PathVariable long questionnaireId, Model model) {
        QuestionnaireReport report = questionnaires.find(questionnaireId, CurrentStaff.scope());
        if (report.answers().customerId() != null) {
            audit.record(AuditAction.VIEW_CUSTOMER, report.answers().customerId(), List.of("questionnaire"), null);
        }
        model.addAttribute("report", report);
        model.addAttribute("suggestedLines", report.gaps().stream().map(g -> g.suggestLine()).distinct().toList());
        return "crosssell/report";
    }

    // --- comparison -------------------------------------------------------------------------------------------------

    @GetMapping("/crosssell/compare")
    String compare(@RequestParam(name = "products", required = false) List<Long> products,
                   @RequestParam(name = "line", required = false) ProductLine line, Model model) {
        var catalogue = comparison.catalogue();
        if ((products == null || products.isEmpty()) && line != null) {
            products = catalogue.stream().filter(p -> p.line().equals(line.name()) && p.active())
                    .map(p -> p.id()).limit(ProductComparison.MAX).toList();
        }
        model.addAttribute("catalogue", catalogue);
        model.addAttribute("selected", products == null ? List.of() : products);
        if (products != null && !products.isEmpty()) {
            try {
                model.addAttribute("compared", comparison.compare(products));
            } catch (FieldRuleViolation e) {
                model.addAttribute("compareError", messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(),
                        org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            }
        }
        return "crosssell/compare";
    }

    // --- models and target lists ------------------------------------------------------------------------------------

    @GetMapping("/crosssell/models")
    String models(Model model) {
        model.addAttribute("history", models.history());
        model.addAttribute("latest", models.latest());
        model.addAttribute("runs", training.recent(10));
        model.addAttribute("mayTrain", editor());
        return "crosssell/models";
    }

    @PostMapping("/crosssell/models/training")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String train(RedirectAttributes redirect) {
        try {
            TrainingRun run = training.start(username());
            audit.record(AuditAction.RULE_CHANGE, null, List.of("crosssell_model"), "cross-sell training run " + run.id());
            redirect.addFlashAttribute("startedRun", run.id());
        } catch (TrainingAlreadyRunning e) {
            redirect.addFlashAttribute("alreadyRunning", true);
        }
        return "redirect:/crosssell/models";
    }

    /** htmx: a run's progress, polled while it runs. */
    @GetMapping("/crosssell/models/training/{runId}")
    String run(@PathVariable long runId, Model model) {
        model.addAttribute("run", training.find(runId).orElseThrow(() -> NotFoundException.of("crosssell.training.notFound", runId)));
        return "crosssell/models :: run";
    }

    @GetMapping("/crosssell/targets")
    String targets(@RequestParam(name = "line", defaultValue = "MEDICAL") ProductLine line,
                   @RequestParam(name = "limit", defaultValue = "100") int limit, Model model) {
        TargetList list = recommendations.targets(line, limit, CurrentStaff.scope());
        audit.record(AuditAction.EXPORT, null, List.of("name", "city", "propensity"),
                "cross-sell target list " + line + " (" + list.targets().size() + " customers, page)");
        model.addAttribute("list", list);
        model.addAttribute("limit", limit);
        model.addAttribute("lines", ProductLine.values());
        return "crosssell/targets";
    }

    @GetMapping("/crosssell/targets.csv")
    void targetsCsv(@RequestParam("line") ProductLine line, @RequestParam(name = "limit", defaultValue = "1000") int limit,
                    Locale locale, HttpServletResponse response) throws IOException {
        TargetList list = recommendations.targets(line, limit, CurrentStaff.scope());
        if (list.status() != NextBest.Status.OK) {
            // never an empty or random list: say why there is none
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(messages.getMessage("crosssell.targets.status." + list.status(), null,
                    list.status().name(), locale));
            return;
        }
        audit.record(AuditAction.EXPORT, null, List.of("name", "city", "propensity"),
                "cross-sell target list " + line + " (" + list.targets().size() + " customers, CSV)");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"targets-" + line.name().toLowerCase(Locale.ROOT) + ".csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CsvExport csv = CsvExport.to(writer, List.of("rank", "customer_id", "name", "city", "line", "score",
                "model_version", "reasons", "value_tier", "incentive"))) {
            for (TargetList.Target t : list.targets()) {
                String reasons = t.reasons().stream()
                        .map(r -> messages.getMessage("crosssell.feature." + r.feature(), null, r.feature(), locale)
                                + String.format(Locale.ROOT, " (+%.2f)", r.contribution()))
                        .collect(Collectors.joining("; "));
                csv.row(t.rank(), t.customerId(), t.name(), t.city(), line.name(),
                        String.format(Locale.ROOT, "%.4f", t.score()), list.modelVersion(), reasons, t.valueTier(),
                        t.incentive() == null ? null : t.incentive().description(locale));
            }
        }
        writer.flush();
    }
}
