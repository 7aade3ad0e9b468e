package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.RunEndpoints;
import io.insurecrm.segmentation.ClusterRun;
import io.insurecrm.segmentation.ClusterRunInProgress;
import io.insurecrm.segmentation.ClusterSchedule;
import io.insurecrm.segmentation.ClusterSettings;
import io.insurecrm.segmentation.NeedClusters;
import io.insurecrm.segmentation.NeedFeature;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /segments/clusters: the current need clusters of the whole book (sizes and profile charts from the API, static/js/clusters.js),
 * the latest runs (asked for by whom, or started by the schedule), the schedule with its next time and latest firing, and
 * for analysts and admins the run form; a run in progress is polled by htmx.
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

    ClustersPage(NeedClusters clusters, ClusterViews views, MessageSource messages, SmallCellRule smallCells, Clock clock,
                 ClusterSchedule schedule) {
        this.clock = clock;
        this.schedule = schedule;
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
        return "segmentation/clusters";
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
