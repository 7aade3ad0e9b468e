package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilBandProblem;
import io.insurecrm.coil.CoilBook;
import io.insurecrm.coil.CoilClusterRule;
import io.insurecrm.coil.CoilClusterRules;
import io.insurecrm.coil.CoilClusterRun;
import io.insurecrm.coil.CoilClusterRunInProgress;
import io.insurecrm.coil.CoilClusterSettings;
import io.insurecrm.coil.CoilClusters;
import io.insurecrm.coil.CoilFileRefused;
import io.insurecrm.coil.CoilSegments;
import io.insurecrm.coil.CoilValueBandRuleSets;
import io.insurecrm.coil.CoilValueBandRules;
import io.insurecrm.coil.InvalidCoilValueBands;
import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.rules.FieldProblem;
import io.insurecrm.platform.rules.InvalidRuleProposal;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.RunEndpoints;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
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
 * The CoIL 2000 book page: its figures, a bar chart per product and one per segment (static/js/coil.js), the need
 * clusters with their runs (analysts and admins start one; htmx polls its progress) and each cluster's match in the
 * previous run, the segment CSV, the value band rules (analysts and admins edit them: an htmx preview of the migration
 * matrix, then save as a new version with a reason), the cluster rules (naming and weights; analysts and admins edit
 * them: an htmx preview of the current clusters' names under the proposal, then save as a new version) and the
 * citation. Both editors carry the version they were based on: a save based on an older one than the active is refused.
 */
@Controller
class CoilPages {

    private static final Set<Role> RUNNERS = EnumSet.of(Role.ANALYST, Role.ADMIN);

    private final CoilBook book;
    private final SmallCellRule smallCells;
    private final CoilClusters clusters;
    private final CoilClusterSettings clusterSettings;
    private final AccessAudit audit;
    private final MessageSource messages;
    private final Clock clock;
    private final CoilValueBandRuleSets bandRules;
    private final CoilClusterRules clusterRules;

    CoilPages(CoilBook book, SmallCellRule smallCells, CoilClusters clusters, CoilClusterSettings clusterSettings,
              AccessAudit audit, MessageSource messages, Clock clock, CoilValueBandRuleSets bandRules,
              CoilClusterRules clusterRules) {
        this.clock = clock;
        this.clusterRules = clusterRules;
        this.bandRules = bandRules;
        this.book = book;
        this.smallCells = smallCells;
        this.clusters = clusters;
        this.clusterSettings = clusterSettings;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/coil")
    String summary(Model model) {
        // analysts: no product, main type or segment of fewer than k customers (docs/privacy.md section 7)
        model.addAttribute("summary", book.summary().withSmallCellsWithheld(smallCells));
        model.addAttribute("segments", clusters.segments().withSmallCellsWithheld(smallCells));
        model.addAttribute("smallCellsK", smallCells.k());
        model.addAttribute("running", clusters.running().orElse(null));
        model.addAttribute("runs", clusters.runs(10));
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("mayRun", CurrentStaff.get().map(staff -> RUNNERS.contains(staff.role())).orElse(false));
        model.addAttribute("autoKFrom", clusterSettings.autoKFrom());
        model.addAttribute("autoKTo", clusterSettings.autoKTo());
        CoilValueBandRules active = bandRules.active();
        model.addAttribute("bandRules", active);
        model.addAttribute("bandVersions", bandRules.versions());
        if (!model.containsAttribute("bandRows")) {
            model.addAttribute("bandRows", CoilBandsForm.of(active));
        }
        CoilClusterRule rule = clusterRules.active();
        model.addAttribute("clusterRule", rule);
        model.addAttribute("clusterRuleVersions", clusterRules.versions());
        if (!model.containsAttribute("clusterRuleForm")) {
            model.addAttribute("clusterRuleForm", CoilClusterRuleForm.of(rule));
        }
        return "coil/summary";
    }

    /** htmx: the current run's clusters named now and under the proposed naming; whether the weights change. */
    @PostMapping("/coil/cluster-rules/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String previewClusterRules(@ModelAttribute CoilClusterRuleForm form, Model model, Locale locale) {
        CoilClusterRuleForm.Parsed parsed = form.parse();
        List<FieldProblem> problems = new ArrayList<>(parsed.problems().stream().filter(p -> !p.field().equals("basedOn")).toList());
        if (problems.isEmpty()) {
            try {
                model.addAttribute("clusterRulePreview", CoilClusterRuleViews.of(clusterRules.preview(parsed.proposal()), messages, locale));
            } catch (InvalidRuleProposal e) {
                problems.addAll(e.problems());
            }
        }
        model.addAttribute("clusterRuleProblems", problems);
        return "coil/summary :: clusterRulePreview";
    }

    /**
     * Saves proposed cluster rules as the next version (recorded as RULE_CHANGE); refused ones come back with why, a
     * form based on another version than the active one with who saved which version when.
     */
    @PostMapping("/coil/cluster-rules")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String saveClusterRules(@ModelAttribute CoilClusterRuleForm form, Model model, RedirectAttributes redirect) {
        CoilClusterRuleForm.Parsed parsed = form.parse();
        List<FieldProblem> problems = new ArrayList<>(parsed.problems());
        if (problems.isEmpty()) {
            try {
                CoilClusterRule saved = clusterRules.save(parsed.proposal(), form.reason(), parsed.basedOn(), CurrentStaff.username());
                audit.record(AuditAction.RULE_CHANGE, null, List.of("coil_cluster_rule_set"), "CoIL cluster rules v" + saved.version());
                redirect.addFlashAttribute("clusterRulesSaved", saved.version());
                return "redirect:/coil#coil-cluster-rules";
            } catch (InvalidRuleProposal e) {
                problems.addAll(e.problems());
            } catch (StaleRuleVersion e) {
                problems.add(e.problem(clock.getZone()));
            }
        } else {
            // name a missing reason too, as the save would
            problems.addAll(CoilClusterRules.check(parsed.proposal(), form.reason(), 1).stream()
                    .filter(p -> p.field().equals("reason")).toList());
        }
        model.addAttribute("clusterRuleProblems", problems);
        model.addAttribute("clusterRuleForm", form);
        return summary(model);
    }

    /** htmx: what the proposed value bands would do to the book (a migration matrix), nothing saved. */
    @PostMapping("/coil/value-bands/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String previewBands(@ModelAttribute CoilBandsForm form, Model model) {
        CoilBandsForm.Parsed parsed = form.parse();
        List<CoilBandProblem> problems = new ArrayList<>(parsed.problems());
        if (problems.isEmpty()) {
            try {
                model.addAttribute("matrix", CoilBandMatrix.of(bandRules.preview(parsed.bands()), smallCells.threshold()));
                model.addAttribute("smallCellsK", smallCells.k());
            } catch (InvalidCoilValueBands e) {
                problems.addAll(e.problems());
            }
        }
        model.addAttribute("bandProblems", problems);
        return "coil/summary :: bandPreview";
    }

    /** Saves the proposed value bands as the next version (recorded as RULE_CHANGE); refused ones come back with why. */
    @PostMapping("/coil/value-bands")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String saveBands(@ModelAttribute CoilBandsForm form, Model model, RedirectAttributes redirect) {
        CoilBandsForm.Parsed parsed = form.parse();
        List<CoilBandProblem> problems = new ArrayList<>(parsed.problems());
        if (problems.isEmpty()) {
            try {
                CoilValueBandRules saved = bandRules.save(parsed.bands(), form.reason(), form.basedOnVersion(),
                        CurrentStaff.username());
                audit.record(AuditAction.RULE_CHANGE, null, List.of("coil_value_band_rule_set"),
                        "CoIL value bands v" + saved.version());
                redirect.addFlashAttribute("bandsSaved", saved.version());
                return "redirect:/coil#coil-bands";
            } catch (InvalidCoilValueBands e) {
                problems.addAll(e.problems());
            } catch (StaleRuleVersion e) {
                FieldProblem stale = e.problem(clock.getZone());
                problems.add(new CoilBandProblem(stale.field(), stale.code(), stale.arguments()));
            }
        } else if (form.reason() == null || form.reason().isBlank()) {
            problems.addAll(CoilValueBandRuleSets.check(List.of(), form.reason()).stream()
                    .filter(p -> p.field().equals("reason")).toList());
        }
        model.addAttribute("bandProblems", problems);
        model.addAttribute("bandRows", form);
        model.addAttribute("bandReason", form.reason());
        return summary(model);
    }

    @PostMapping("/coil/load")
    @PreAuthorize("hasRole('ADMIN')")
    String load(RedirectAttributes redirect) {
        try {
            CoilBook.LoadResult result = book.load();
            redirect.addFlashAttribute("loaded", result);
        } catch (CoilFileRefused e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/coil";
    }

    @PostMapping("/coil/clusters/runs")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String start(@RequestParam(name = "reason", required = false) String reason,
                 @RequestParam(name = "k", required = false) String k, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            Integer clusterCount = RunEndpoints.clusterCount(k, "coil.clusters.badK", CoilClusterSettings.MIN_K,
                    CoilClusterSettings.MAX_K);
            CoilClusterRun run = clusters.start(clusterCount, reason, CurrentStaff.username());
            redirect.addFlashAttribute("started", run.id());
            return "redirect:/coil";
        } catch (FieldRuleViolation | CoilClusterRunInProgress e) {
            model.addAttribute("formError", RunEndpoints.formError(e, messages, "coil.clusters.inProgress", locale));
        }
        model.addAttribute("reason", reason);
        model.addAttribute("k", k);
        return summary(model);
    }

    /** htmx: the progress of a run; once it is no longer running the page reloads (HX-Refresh). */
    @GetMapping("/coil/clusters/runs/{runId}/progress")
    String progress(@PathVariable("runId") long runId, Model model, HttpServletResponse response) {
        CoilClusterRun run = RunEndpoints.found(clusters.run(runId), "coil.clusters.runNotFound", runId);
        return RunEndpoints.progress(run, run.running(), model, response, "coil/summary :: progress");
    }

    /** The segment figures as CSV (both breakdowns), recorded as one EXPORT; analysts get small cells withheld. */
    @GetMapping("/coil/segments.csv")
    void csv(Locale locale, HttpServletResponse response) throws IOException {
        int k = smallCells.threshold();
        CoilSegments segments = clusters.segments().withSmallCellsWithheld(smallCells);
        List<String> fields = List.of("breakdown", "key", "name", "customers", "holders", "policies", "contracts_per_holder",
                "mean_premium_nlg");
        audit.record(AuditAction.EXPORT, null, fields, "coil-segments.csv, aggregates of the CoIL 2000 book, cluster run "
                + (segments.run() == null ? "none" : segments.run().id()) + (k > 0 ? ", small cells withheld k=" + k : ""));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"coil-segments.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        boolean english = "en".equals(locale.getLanguage());
        List<String> header = new ArrayList<>(List.of(text("coil.csv.breakdown", locale), text("coil.csv.key", locale),
                text("coil.csv.name", locale), text("coil.customers", locale), text("coil.holders", locale),
                text("coil.segments.policies", locale), text("coil.contractsPerHolder", locale),
                text("coil.segments.meanPremium", locale)));
        if (k > 0) {
            header.add(messages.getMessage("smallCells.column", new Object[] {k}, locale));
        }
        try (CsvExport csv = CsvExport.to(writer, header)) {
            for (String breakdown : List.of("CLUSTER", "VALUE_BAND")) {
                List<CoilSegments.Row> rows = breakdown.equals("CLUSTER") ? segments.clusters() : segments.valueBands();
                String label = text(breakdown.equals("CLUSTER") ? "coil.segments.byCluster" : "coil.segments.byValueBand", locale);
                for (CoilSegments.Row r : rows) {
                    List<Object> cells = new ArrayList<>(List.of(label, r.key(), english ? r.nameEn() : r.nameZh()));
                    cells.add(r.customers());
                    cells.add(r.holders());
                    cells.add(r.policies());
                    cells.add(r.contractsPerHolder());
                    cells.add(r.meanPremium());
                    if (k > 0) {
                        cells.add(r.suppressed() ? smallCells.marker() : "");
                    }
                    csv.row(cells.toArray());
                }
            }
        }
        writer.flush();
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
