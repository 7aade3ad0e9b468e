package io.insurecrm.privacy.web;

import io.insurecrm.platform.web.Paged;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.AuditQuery;
import io.insurecrm.privacy.AuditRow;
import io.insurecrm.privacy.AuditVerification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit", description = "The tamper-evident access audit trail (compliance and administrators)")
@PreAuthorize("hasAnyRole('COMPLIANCE','ADMIN')")
class AuditApi {

    private final AccessAudit audit;

    AuditApi(AccessAudit audit) {
        this.audit = audit;
    }

    @PostMapping("/api/audit/verification")
    @Operation(summary = "Recompute the hash chain",
            description = "200 with intact=true when every row fits; 409 with the first broken seq and the reason otherwise. "
                    + "pending and oldestPending count the rows recorded but not yet chained (an import's, chained within "
                    + "seconds): they do not make the chain broken.")
    ResponseEntity<AuditVerification> verify() {
        AuditVerification result = audit.verify();
        audit.record(AuditAction.AUDIT_VERIFY, null, List.of(),
                (result.intact() ? "intact, " + result.checked() + " rows" : "broken at seq " + result.firstBrokenSeq())
                        + (result.pending() == 0 ? "" : "; " + result.pending() + " pending"));
        return ResponseEntity.status(result.intact() ? HttpStatus.OK : HttpStatus.CONFLICT).body(result);
    }

    @GetMapping("/api/audit/events")
    @Operation(summary = "Search the audit trail, newest first",
            description = "Each row has state CHAINED (in the hash chain, with seq, prevHash and hash) or PENDING (recorded "
                    + "by an import but not yet chained, which happens within seconds: no seq and no hashes). The pending "
                    + "rows matching the search come first, newest first, then the chained rows, highest seq first; page "
                    + "and size count over both, and total is both together. A pending row chained between two requests "
                    + "moves from the pending part to the top of the chained part.")
    Paged<AuditRow> search(@RequestParam(required = false) String actor, @RequestParam(required = false) Long customerId,
                             @RequestParam(required = false) AuditAction action,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return audit.searchWithPending(new AuditQuery(actor, customerId, action, from, to, page, size));
    }
}
