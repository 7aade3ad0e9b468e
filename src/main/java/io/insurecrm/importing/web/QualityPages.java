package io.insurecrm.importing.web;

import io.insurecrm.importing.DataQuality;
import io.insurecrm.platform.csv.CsvExport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The data-quality report page and its CSV export (one row per snapshot: the trend). */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','ANALYST','COMPLIANCE')")
class QualityPages {

    /** The figures shown and exported, by dotted path into a snapshot. */
    static final List<String> FIGURES = List.of("customers", "individuals", "corporates", "completeness.phone",
            "completeness.occupation", "completeness.income_band", "completeness.marital_status", "completeness.industry",
            "completeness.company_size", "invalid.phone", "invalid.id_number", "invalid.credit_code", "invalid.birth_date",
            "duplicates.open", "duplicates.probable", "duplicates.merged", "duplicates.dismissed", "orphans.ofThisRun",
            "orphans.allRuns", "policies", "claims", "interactions");

    private final DataQuality quality;

    QualityPages(DataQuality quality) {
        this.quality = quality;
    }

    @GetMapping("/quality")
    String page(Model model) {
        List<DataQuality.Snapshot> trend = quality.trend(30);
        model.addAttribute("latest", trend.isEmpty() ? null : trend.get(trend.size() - 1));
        List<DataQuality.Snapshot> newestFirst = new ArrayList<>(trend);
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("trend", newestFirst);
        model.addAttribute("figures", FIGURES);
        return "importing/quality";
    }

    @PostMapping("/quality/snapshots")
    @PreAuthorize("hasRole('ADMIN')")
    String take() {
        quality.take(null);
        return "redirect:/quality";
    }

    @GetMapping("/quality.csv")
    void csv(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=data-quality.csv");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("snapshot", "taken_at", "import_job"));
        header.addAll(FIGURES);
        try (CsvExport csv = CsvExport.to(writer, header)) {
            for (DataQuality.Snapshot s : quality.trend(500)) {
                List<Object> row = new ArrayList<>(List.of(s.id(), s.takenAt().toString(), s.jobId() == null ? "" : s.jobId()));
                for (String figure : FIGURES) {
                    Object value = s.figure(figure);
                    row.add(value == null ? "" : value);
                }
                csv.row(row.toArray());
            }
        }
        writer.flush();
    }
}
