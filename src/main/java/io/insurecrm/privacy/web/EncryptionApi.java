package io.insurecrm.privacy.web;

import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.crypto.FieldReencryption;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Encryption", description = "Encrypted fields: key state and re-encryption after a key rotation (administrators)")
@PreAuthorize("hasRole('ADMIN')")
class EncryptionApi {

    private final FieldReencryption batch;
    private final AccessAudit audit;

    EncryptionApi(FieldReencryption batch, AccessAudit audit) {
        this.batch = batch;
        this.audit = audit;
    }

    /** The body of a re-encryption request: the key the caller expects to be active, as a guard against surprises. */
    record ReencryptionRequest(String activeKey) {
    }

    @GetMapping("/api/admin/encryption")
    @Operation(summary = "The active key, how many values of each encrypted column are under which key, and the run in progress")
    Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activeKey", batch.activeKey());
        List<FieldReencryption.ColumnStatus> columns = batch.status();
        body.put("columns", columns);
        body.put("toDo", columns.stream().mapToLong(FieldReencryption.ColumnStatus::toDo).sum());
        body.put("run", batch.currentRun());
        return body;
    }

    @PostMapping("/api/admin/encryption/reencryption")
    @Operation(summary = "Start moving every value to the active key in the background",
            description = "202 and the status to poll; 409 when a run is in progress or activeKey is not the active key. "
                    + "Resumable and idempotent: run again after an interruption; a run with nothing to do changes nothing.")
    ResponseEntity<?> start(@RequestBody ReencryptionRequest request) {
        Optional<FieldReencryption.Refusal> refused = batch.startRotation(request.activeKey());
        if (refused.isPresent()) {
            return problem(switch (refused.get()) {
                case WRONG_KEY -> "the active key is '" + batch.activeKey() + "', not '" + request.activeKey() + "'";
                case RUNNING -> "a re-encryption is already running";
                case OFF -> "encryption is switched off (crm.crypto.enabled=false)";
            });
        }
        audit.record(AuditAction.KEY_ROTATION, null, List.of(), "re-encryption to key " + batch.activeKey() + " (API)");
        return ResponseEntity.accepted().location(URI.create("/api/admin/encryption")).body(status());
    }

    private static ResponseEntity<ProblemDetail> problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setType(URI.create("urn:insurecrm:problem:reencryption-refused"));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
