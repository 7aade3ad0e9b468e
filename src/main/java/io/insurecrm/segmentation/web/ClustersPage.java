package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.RunEndpoints;
import io.insurecrm.platform.rules.FieldProblem;
import io.insurecrm.platform.rules.InvalidRuleProposal;
import io.insurecrm.platform.rules.StaleRuleVersion;
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
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.EnumSet;
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
 * /segments/clusters: the current need clusters of the whole book (sizes and profile charts from the API, static/js/clusters.js),
 * the latest runs (asked for by whom, or started by the schedule), the schedule with its next time and latest firing, and
 * for analysts and admins the run form; a run in progress is polled by htmx. The naming rule with its versions;
 * analysts and admins edit it (an htmx preview of the current clusters' names under the proposal, then save as a new
 * version with a reason; the form carries the version it was based on).
 */
@Controller
class ClustersPage {

    private static final Set<Role> RUNNERS = EnumSet.of(Role.ANALYST, Role.ADMIN);

    private final NeedClusters clusters;
    private final ClusterViews views;
    private final MessageSource messages;
    private final SmallCellRule smallCells;
    private final Clock clock;
    private final ClusterSchedule schedule;
    private final ClusterNamingRules naming;
    private final AccessAudit audit;

    ClustersPage(NeedClusters clusters, ClusterViews views, MessageSource messages, SmallCellRule smallCells, Clock clock,
                 ClusterSchedule schedule, ClusterNamingRules naming, AccessAudit audit) {
        this.clock = clock;
        this.schedule = schedule;
        this.naming = naming;
        this.audit = audit;
        this.clusters = clusters;
        this.views = views;
        this.messages = messages;
        this.smallCells = smallCells;
    }

    @GetMapping("/segments/clusters")
    String page(Model model, Locale locale) {
        clusters.current().ifPresent(run -> model.addAttribute("current", views.of(run, clusters.clusters(run.id()), locale)));
        model.addAttribute("running", clusters.running().orElse(null));
        model.addAttribute("smallCellsK", smallCells.k());
        model.addAttribute("runs", clusters.runs(10));
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("schedule", schedule.state());
        model.addAttribute("features", Arrays.asList(NeedFeature.values()));
        model.addAttribute("mayRun", CurrentStaff.get().map(staff -> RUNNERS.contains(staff.role())).orElse(false));
        // the list of a cluster's customers is personal data: not for analysts (the customer search denies them anyway)
        model.addAttribute("mayListCustomers", CurrentStaff.get().map(staff -> staff.role() != Role.ANALYST).orElse(false));
        if (!model.containsAttribute("mode")) {
            model.addAttribute("mode", "k");
            model.addAttribute("k", "6");
        }
        ClusterNamingRule rule = naming.active();
        model.addAttribute("naming", rule);
        model.addAttribute("namingVersions", naming.versions());
        if (!model.containsAttribute("namingForm")) {
            model.addAttribute("namingForm", NamingRuleForm.of(rule));
        }
        return "segmentation/clusters";
    }

    /** htmx: the current run's clusters named now and under the proposed naming rule, nothing saved. */
    @PostMapping("/segments/clusters/naming/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String previewNaming(@ModelAttribute NamingRuleForm form, Model model) {
        NamingRuleForm.Parsed parsed = form.parse();
        List<FieldProblem> problems = new ArrayList<>(parsed.problems().stream().filter(p -> !p.field().equals("basedOn")).toList());
        if (problems.isEmpty()) {
            try {
                model.addAttribute("namingPreview", NamingPreviewView.of(naming.preview(parsed.proposal()), messages));
            } catch (InvalidRuleProposal e) {
                problems.addAll(e.problems());
            }
        }
        model.addAttribute("namingProblems", problems);
        return "segmentation/clusters :: namingPreview";
    }

    /**
     * Saves a proposed naming rule as the next version (recorded as RULE_CHANGE); a refused one comes back with why, a
     * form based on another version than the active one with who saved which version when.
     */
    @PostMapping("/segments/clusters/naming")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String saveNaming(@ModelAttribute NamingRuleForm form, Model model, Locale locale, RedirectAttributes redirect) {
        NamingRuleForm.Parsed parsed = form.parse();
        List<FieldProblem> problems = new ArrayList<>(parsed.problems());
        if (problems.isEmpty()) {
            try {
                ClusterNamingRule saved = naming.save(parsed.proposal(), form.reason(), parsed.basedOn(), CurrentStaff.username());
                audit.record(AuditAction.RULE_CHANGE, null, List.of("need_cluster_naming_rule_set"),
                        "cluster naming rule v" + saved.version());
                redirect.addFlashAttribute("namingSaved", saved.version());
                return "redirect:/segments/clusters#cluster-naming";
            } catch (InvalidRuleProposal e) {
                problems.addAll(e.problems());
            } catch (StaleRuleVersion e) {
                problems.add(e.problem(clock.getZone()));
            }
        } else {
            // name a missing reason too, as the save would
            problems.addAll(ClusterNamingRules.check(parsed.proposal(), form.reason(), 1).stream()
                    .filter(p -> p.field().equals("reason")).toList());
        }
        model.addAttribute("namingProblems", problems);
        model.addAttribute("namingForm", form);
        return page(model, locale);
    }

    /** htmx: the progress of a run; once it is no longer running the page reloads (HX-Refresh). */
    @GetMapping("/segments/clusters/runs/{runId}/progress")
    String progress(@PathVariable("runId") long runId, Model model, HttpServletResponse response) {
        ClusterRun run = RunEndpoints.found(clusters.run(runId), "segmentation.clusters.runNotFound", runId);
        return RunEndpoints.progress(run, run.running(), model, response, "segmentation/clusters :: progress");
    }

    @PostMapping("/segments/clusters/runs")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String start(@RequestParam(name = "mode", required = false) String mode, @RequestParam(name = "k", required = false) String k,
                 Model model, Locale locale, RedirectAttributes redirect) {
        try {
            boolean choose = "choose".equals(mode);
            Integer clusterCount = choose ? null
                    : RunEndpoints.clusterCount(k, "segmentation.clusters.badK", ClusterSettings.MIN_K, ClusterSettings.MAX_K);
            ClusterRun run = clusters.start(ClustersApi.validated(clusterCount, choose), CurrentStaff.username());
            redirect.addFlashAttribute("started", run.id());
            return "redirect:/segments/clusters";
        } catch (FieldRuleViolation | ClusterRunInProgress e) {
            model.addAttribute("formError", RunEndpoints.formError(e, messages, "segmentation.clusters.inProgress", locale));
        }
        model.addAttribute("mode", mode == null ? "k" : mode);
        model.addAttribute("k", k == null ? "" : k);
        return page(model, locale);
    }
}
