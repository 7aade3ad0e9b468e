package io.insurecrm.importing.web;

import io.insurecrm.importing.CustomerMerges;
import io.insurecrm.importing.Deduplication;
import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The duplicate-customers page: candidates with scores and reasons, merge, dismiss, history with unmerge, rules. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class DedupePages {

    private final Deduplication deduplication;
    private final CustomerMerges merges;

    DedupePages(Deduplication deduplication, CustomerMerges merges) {
        this.deduplication = deduplication;
        this.merges = merges;
    }

    @GetMapping("/dedupe")
    String page(@RequestParam(defaultValue = "OPEN") String status, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("candidates", deduplication.candidates(status, page, 50));
        model.addAttribute("merges", merges.merges(0, 20));
        model.addAttribute("rules", deduplication.rules());
        model.addAttribute("survivorship", merges.survivorship());
        model.addAttribute("threshold", deduplication.threshold());
        return "importing/dedupe";
    }

    @PostMapping("/dedupe/run")
    String run(RedirectAttributes redirect) {
        Deduplication.RunResult result = deduplication.runBatch();
        redirect.addFlashAttribute("run", result);
        return "redirect:/dedupe";
    }

    @PostMapping("/dedupe/candidates/{id}/merge")
    String merge(@PathVariable long id, @RequestParam long survivorId, RedirectAttributes redirect) {
        merges.mergeCandidate(id, survivorId, DedupeApi.actor());
        redirect.addFlashAttribute("notice", "dedupe.mergeDone");
        return "redirect:/dedupe";
    }

    @PostMapping("/dedupe/candidates/{id}/dismiss")
    String dismiss(@PathVariable long id, RedirectAttributes redirect) {
        deduplication.dismiss(id, DedupeApi.actor());
        redirect.addFlashAttribute("notice", "dedupe.dismissed");
        return "redirect:/dedupe";
    }

    @PostMapping("/dedupe/merges/{id}/unmerge")
    String unmerge(@PathVariable long id, RedirectAttributes redirect) {
        merges.unmerge(id, DedupeApi.actor());
        redirect.addFlashAttribute("notice", "dedupe.unmerged");
        return "redirect:/dedupe";
    }

    /** Every candidate of the status as CSV (UTF-8 with BOM, formula-neutralised cells). */
    @GetMapping("/dedupe/candidates.csv")
    void csv(@RequestParam(defaultValue = "OPEN") String status, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=duplicate-candidates.csv");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CsvExport csv = CsvExport.to(writer, List.of("candidate", "score", "reasons", "customer_a", "name_a",
                "birth_a", "phone_a", "city_a", "customer_b", "name_b", "birth_b", "phone_b", "city_b", "status", "found_by"))) {
            deduplication.forEachCandidate(status, c -> csv.row(c.id(), c.score(), String.join(" ", c.reasons()),
                    c.customerA(), c.nameA(), c.birthA(), c.phoneA(), c.cityA(), c.customerB(), c.nameB(), c.birthB(),
                    c.phoneB(), c.cityB(), c.status(), c.foundBy()));
        }
        writer.flush();
    }

    @ExceptionHandler({IllegalStateTransitionException.class, FieldRuleViolation.class})
    String refused(RuntimeException e, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", e instanceof FieldRuleViolation v ? v.messageKey() : "dedupe.illegalTransition");
        return "redirect:/dedupe";
    }
}
