package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.RuleSet;
import io.insurecrm.segmentation.SegmentBookRuns;
import io.insurecrm.segmentation.SegmentQueries;
import io.insurecrm.segmentation.SegmentRules;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /segments: the distribution per dimension in the caller's scope, the VALUE bands in force (edited, like every rule
 * set, on /segments/rules), and for analysts and admins the whole-book recompute.
 */
@Controller
class SegmentsPage {

    private static final Set<Role> EDITORS = EnumSet.of(Role.ANALYST, Role.ADMIN);

    private final SegmentQueries queries;
    private final SegmentRules rules;
    private final SegmentBookRuns bookRuns;
    private final Clock clock;
    private final SmallCellRule smallCells;

    SegmentsPage(SegmentQueries queries, SegmentRules rules, SegmentBookRuns bookRuns, Clock clock, SmallCellRule smallCells) {
        this.queries = queries;
        this.rules = rules;
        this.bookRuns = bookRuns;
        this.clock = clock;
        this.smallCells = smallCells;
    }

    @GetMapping("/segments")
    String page(Model model) {
        DataScope scope = CurrentStaff.scope();
        Map<Dimension, Object> distributions = new LinkedHashMap<>();
        for (Dimension dimension : Dimension.values()) {
            distributions.put(dimension, SegmentCountView.of(queries.distribution(dimension, scope), smallCells));
        }
        int k = smallCells.threshold();
        model.addAttribute("smallCellsK", k > 0 ? k : null);
        RuleSet value = rules.active(Dimension.VALUE);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("scope", scope);
        model.addAttribute("distributions", distributions);
        model.addAttribute("valueRules", value);
        model.addAttribute("lifeStageRules", rules.active(Dimension.LIFE_STAGE));
        model.addAttribute("mayEdit", CurrentStaff.get().map(staff -> EDITORS.contains(staff.role())).orElse(false));
        model.addAttribute("bookRun", bookRuns.latest().orElse(null));
        return "segmentation/segments";
    }

    /** Recomputes the whole book now, in the background; the page shows its progress. */
    @PostMapping("/segments/recompute")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String recompute(@org.springframework.web.bind.annotation.RequestParam(name = "reason", required = false) String reason,
                     RedirectAttributes redirect) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > SegmentBookRuns.MAX_REASON) {
            problem(redirect, "segmentation.recompute.reasonRequired", SegmentBookRuns.MAX_REASON);
        } else if (bookRuns.start(CurrentStaff.username(), why).isEmpty()) {
            problem(redirect, "segmentation.recompute.alreadyRunning", bookRuns.latest().map(run -> run.id()).orElse(0L));
        }
        return "redirect:/segments#recompute";
    }

    /** Resumes a failed or interrupted whole-book run after its last committed chunk, in the background. */
    @PostMapping("/segments/recompute/{runId}/resume")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String resume(@org.springframework.web.bind.annotation.PathVariable("runId") long runId,
                  @org.springframework.web.bind.annotation.RequestParam(name = "reason", required = false) String reason,
                  RedirectAttributes redirect) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > SegmentBookRuns.MAX_REASON) {
            problem(redirect, "segmentation.recompute.reasonRequired", SegmentBookRuns.MAX_REASON);
            return "redirect:/segments#recompute";
        }
        try {
            if (bookRuns.resume(runId, CurrentStaff.username(), why).isEmpty()) {
                throw io.insurecrm.platform.web.NotFoundException.of("segmentation.recompute.notFound", runId);
            }
        } catch (SegmentBookRuns.Refused refused) {
            problem(redirect, refused.key(), refused.args());
        }
        return "redirect:/segments#recompute";
    }

    private static void problem(RedirectAttributes redirect, String key, Object... args) {
        redirect.addFlashAttribute("recomputeProblem", key);
        redirect.addFlashAttribute("recomputeProblemArgs", args);
    }

    /** htmx: the progress of the latest whole-book recompute (polls itself while it runs). */
    @GetMapping("/segments/recompute/progress")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String recomputeProgress(Model model) {
        model.addAttribute("bookRun", bookRuns.latest().orElse(null));
        model.addAttribute("mayEdit", true);
        return "segmentation/segments :: recompute";
    }
}
