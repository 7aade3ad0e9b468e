package io.insurecrm.metrics.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.metrics.Breakdown;
import io.insurecrm.metrics.SmallCells;
import io.insurecrm.metrics.ContractsPerCustomer;
import io.insurecrm.metrics.GroupFigure;
import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** CSV export of every 客均合同 breakdown, for the signed-in staff member's scope. */
@Controller
class ContractsPerCustomerCsv {

    private final ContractsPerCustomer contractsPerCustomer;
    private final MessageSource messages;
    private final AccessAudit audit;
    private final SmallCellRule smallCells;

    ContractsPerCustomerCsv(ContractsPerCustomer contractsPerCustomer, MessageSource messages, AccessAudit audit,
                            SmallCellRule smallCells) {
        this.smallCells = smallCells;
        this.contractsPerCustomer = contractsPerCustomer;
        this.messages = messages;
        this.audit = audit;
    }

    @GetMapping("/metrics/contracts-per-customer.csv")
    void export(@RequestParam(name = "by", required = false) String by, Locale locale, HttpServletResponse response)
            throws IOException {
        Breakdown breakdown = Breakdown.fromParameter(by).orElseThrow(() -> new UnknownBreakdown(by));
        DataScope scope = CurrentStaff.scope();
        audit.record(AuditAction.EXPORT, null, List.of("key", "label", "active_contracts", "active_customers", "ratio"),
                "contracts-per-customer.csv by=" + breakdown.parameter());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition",
                "attachment; filename=\"contracts-per-customer-by-" + breakdown.parameter() + ".csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        // analysts get households by number only, not by their members' names, and no cell of fewer than k
        // customers (docs/privacy.md section 7): its figures empty and the marker in a last column of their own
        boolean analyst = CurrentStaff.get().map(staff -> staff.role() == Role.ANALYST).orElse(false);
        List<String> header = new java.util.ArrayList<>(List.of(text("metrics.csv.key", locale), text("metrics.csv.label", locale),
                text("metrics.activeContracts", locale), text("metrics.activeCustomers", locale),
                text("metrics.ratio", locale)));
        if (analyst) {
            header.add(messages.getMessage("smallCells.column", new Object[] {smallCells.k()}, "<" + smallCells.k(), locale));
        }
        try (CsvExport csv = CsvExport.to(writer, header)) {
            String below = analyst ? "<" + smallCells.k() : null;
            if (breakdown == Breakdown.HOUSEHOLD) {
                // every household is its own cell (not a partition whose total is shown), so no secondary cell
                contractsPerCustomer.eachHousehold(scope, figure -> row(csv, !analyst ? figure
                        : figure.activeCustomers() < smallCells.k() ? figure.withoutLabel().withheld() : figure.withoutLabel(), below));
            } else {
                List<GroupFigure> figures = contractsPerCustomer.by(breakdown, scope, locale);
                (analyst ? SmallCells.suppress(figures, smallCells.k()) : figures).forEach(figure -> row(csv, figure, below));
            }
        }
        writer.flush();
    }

    /** One row; {@code below} (the marker) null for staff other than analysts, who get no marker column. */
    private static void row(CsvExport csv, GroupFigure figure, String below) {
        if (figure.suppressed()) {
            csv.row(figure.key(), figure.label(), "", "", "", below);
        } else if (below != null) {
            csv.row(figure.key(), figure.label(), figure.activeContracts(), figure.activeCustomers(), figure.ratio(), "");
        } else {
            csv.row(figure.key(), figure.label(), figure.activeContracts(), figure.activeCustomers(), figure.ratio());
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    @ExceptionHandler(UnknownBreakdown.class)
    ResponseEntity<String> unknown(UnknownBreakdown e, Locale locale) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(org.springframework.http.MediaType.TEXT_PLAIN)
                .body(messages.getMessage("metrics.by.unknown", new Object[] {e.value, Breakdown.parameters()},
                        "Unknown by", locale));
    }

    static final class UnknownBreakdown extends RuntimeException {
        private final String value;

        UnknownBreakdown(String value) {
            super("Unknown breakdown " + value);
            this.value = value;
        }
    }
}
