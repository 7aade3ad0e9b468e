package io.insurecrm.metrics.web;

import io.insurecrm.metrics.Kpi;
import io.insurecrm.metrics.KpiFigure;
import io.insurecrm.metrics.KpiGroup;
import io.insurecrm.metrics.Kpis;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * /metrics/kpis: every key figure beside 客均合同 for a period and a breakdown, each with its definition beside it, a
 * Chart.js bar chart and its table; /metrics/kpis.csv the same figures as CSV (recorded in the access audit).
 */
@Controller
class KpiPages {

    private final Kpis kpis;
    private final MessageSource messages;
    private final AccessAudit audit;
    private final Clock clock;
    private final SmallCellRule smallCells;

    KpiPages(Kpis kpis, MessageSource messages, AccessAudit audit, Clock clock, SmallCellRule smallCells) {
        this.kpis = kpis;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        this.smallCells = smallCells;
    }

    /** One KPI on the page: its figures, or why it has none for this breakdown. */
    record Card(Kpi kpi, List<KpiFigure> figures, boolean available) {
    }

    @GetMapping("/metrics/kpis")
    String page(@RequestParam(name = "by", required = false) String by,
                @RequestParam(name = "dimension", required = false) String dimension,
                @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                Model model, Locale locale) {
        KpiGroup group = group(by);
        String segmentDimension = Kpis.segmentDimension(dimension);
        LocalDate end = to == null ? LocalDate.now(clock).plusDays(1) : to;
        LocalDate start = from == null ? end.minusYears(1) : from;
        DataScope scope = CurrentStaff.scope();
        // analysts see no group of fewer than k customers (docs/privacy.md section 7)
        int k = smallCells.threshold();
        List<Card> cards = new ArrayList<>();
        for (Kpi kpi : Kpi.values()) {
            cards.add(kpi.groups().contains(group)
                    ? new Card(kpi, kpis.figures(kpi, group, segmentDimension, start, end, scope, english(locale), k), true)
                    : new Card(kpi, List.of(), false));
        }
        model.addAttribute("smallCellsK", k > 0 ? k : null);
        model.addAttribute("cards", cards);
        model.addAttribute("group", group);
        model.addAttribute("groups", KpiGroup.values());
        model.addAttribute("dimension", segmentDimension);
        model.addAttribute("dimensions", Kpis.SEGMENT_DIMENSIONS);
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("scope", scope);
        return "metrics/kpis";
    }

    @GetMapping("/metrics/kpis.csv")
    void csv(@RequestParam(name = "kpi") Kpi kpi, @RequestParam(name = "by", required = false) String by,
             @RequestParam(name = "dimension", required = false) String dimension,
             @RequestParam(name = "from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
             @RequestParam(name = "to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
             Locale locale, HttpServletResponse response) throws IOException {
        KpiGroup group = group(by);
        int k = smallCells.threshold();
        String segmentDimension = Kpis.segmentDimension(dimension);
        List<KpiFigure> figures = kpis.figures(kpi, group, segmentDimension, from, to, CurrentStaff.scope(), english(locale), k);
        audit.record(AuditAction.EXPORT, null, List.of("key", "label", "numerator", "denominator", "value"),
                "kpis.csv kpi=" + kpi + " by=" + group.parameter()
                        + (group == KpiGroup.SEGMENT ? " dimension=" + segmentDimension : "") + " from=" + from + " to=" + to
                        + (k > 0 ? " small cells withheld k=" + k : ""));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + kpi.name().toLowerCase(Locale.ROOT) + "-by-"
                + group.parameter() + (group == KpiGroup.SEGMENT ? "-" + segmentDimension.toLowerCase(Locale.ROOT) : "") + ".csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of(text("metrics.csv.key", locale), text("metrics.csv.label", locale),
                text("metrics.kpi.numerator", locale), text("metrics.kpi.denominator", locale),
                text("metrics.kpi." + kpi.name(), locale)));
        if (k > 0) {
            // analysts: withheld groups have empty figures and the marker (<k) in this column
            header.add(messages.getMessage("smallCells.column", new Object[] {k}, locale));
        }
        try (CsvExport csv = CsvExport.to(writer, header)) {
            for (KpiFigure f : figures) {
                if (k > 0) {
                    csv.row(f.key(), f.label(), f.numerator(), f.denominator(), f.value(), f.suppressed() ? smallCells.marker() : "");
                } else {
                    csv.row(f.key(), f.label(), f.numerator(), f.denominator(), f.value());
                }
            }
        }
        writer.flush();
    }

    static KpiGroup group(String by) {
        return KpiGroup.fromParameter(by).orElseThrow(() -> new FieldRuleViolation("by", "metrics.kpi.unknownGroup", by));
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    @ExceptionHandler(FieldRuleViolation.class)
    ResponseEntity<String> invalid(FieldRuleViolation e, Locale locale) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN)
                .body(messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale));
    }
}
