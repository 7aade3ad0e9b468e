package io.insurecrm.privacy.web;

import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.AuditQuery;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The compliance page: search the audit trail, page through it, export the search (the export is audited too). Rows
 * recorded but not yet chained are shown apart on the page, as pending, and listed first in the export with the state
 * PENDING.
 */
@Controller
@PreAuthorize("hasAnyRole('COMPLIANCE','ADMIN')")
class AuditPages {

    private final AccessAudit audit;
    private final Clock clock;

    AuditPages(AccessAudit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String search(@RequestParam(required = false) String actor, @RequestParam(required = false) Long customerId,
                  @RequestParam(required = false) AuditAction action,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size, Model model) {
        AuditQuery query = new AuditQuery(actor, customerId, action, from, to, page, size);
        model.addAttribute("query", query);
        model.addAttribute("result", audit.search(query));
        // rows recorded but not yet chained (an import's, for a second or so): counted on every page, listed on the first
        model.addAttribute("pending", audit.pending(query, page == 0 ? size : 0));
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("zone", clock.getZone());
        return "privacy/audit";
    }

    @GetMapping("/audit.csv")
    void export(@RequestParam(required = false) String actor, @RequestParam(required = false) Long customerId,
                @RequestParam(required = false) AuditAction action,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                HttpServletResponse response) throws IOException {
        AuditQuery query = new AuditQuery(actor, customerId, action, from, to, 0, 1);
        // recorded before the rows are read, so the export appears in its own file when the search matches it
        audit.record(AuditAction.AUDIT_EXPORT, customerId, List.of("audit_event"), query.describe());
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=audit.csv");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        // the rows not yet chained first (state PENDING, no seq and no hash), then the chained rows, newest first
        try (CsvExport csv = CsvExport.to(writer, List.of("seq", "occurred_at", "actor", "role", "action", "customer_id",
                "fields", "reason", "remote_address", "hash", "state"))) {
            audit.forEach(query, row -> csv.row(row.seq(), row.occurredAt().atZone(clock.getZone()).toOffsetDateTime(),
                    row.actor(), row.actorRole(), row.action(), row.customerId(), String.join(" ", row.fields()),
                    row.reason(), row.remoteAddress(), row.hash(), row.state()));
        }
        writer.flush();
    }
}
