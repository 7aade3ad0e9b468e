package io.insurecrm.privacy.web;

import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.crypto.BlindIndexRotation;
import io.insurecrm.privacy.crypto.FieldReencryption;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
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
    private final BlindIndexRotation blindIndex;
    private final AccessAudit audit;

    EncryptionApi(FieldReencryption batch, BlindIndexRotation blindIndex, AccessAudit audit) {
        this.batch = batch;
        this.blindIndex = blindIndex;
        this.audit = audit;
    }

    /** The body of a re-encryption request: the key the caller expects to be active, as a guard against surprises. */
    record ReencryptionRequest(String activeKey) {
    }

    @GetMapping("/api/admin/encryption")
    @Operation(summary = "The active key, how many values of each encrypted column are under which key, and the run in progress")
    Map<String, Object> status() {
        return EncryptionStatus.reencryption(batch);
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

    @GetMapping("/api/admin/encryption/blind-index")
    @Operation(summary = "The blind index key rotation: whether a next key is configured, the key fingerprints, "
            + "per column how many next indexes are filled and to do, and the fill in progress")
    Map<String, Object> blindIndexStatus() {
        return EncryptionStatus.blindIndex(blindIndex);
    }

    @PostMapping("/api/admin/encryption/blind-index/fill")
    @Operation(summary = "Start filling the next blind indexes in the background",
            description = "202 and the status to poll; 409 without crm.crypto.next-blind-index-key or while a fill runs. "
                    + "Resumable and idempotent: run again after an interruption; with nothing to do it changes nothing.")
    ResponseEntity<?> startBlindIndexFill() {
        Optional<BlindIndexRotation.Refusal> refused = blindIndex.start();
        if (refused.isPresent()) {
            return problem(refused.get().name() + ": " + refused.get().messageKey());
        }
        audit.record(AuditAction.KEY_ROTATION, null, List.of(), "blind index fill under key " + blindIndex.nextKeyFingerprint() + " (API)");
        return ResponseEntity.accepted().location(URI.create("/api/admin/encryption/blind-index")).body(blindIndexStatus());
    }

    @PostMapping("/api/admin/encryption/blind-index/switch")
    @Operation(summary = "Make the next blind index key current",
            description = "In one transaction: fills what is left, moves the next indexes into the index columns and records "
                    + "the new key's fingerprint; then set crm.crypto.blind-index-key to the next key and remove "
                    + "crm.crypto.next-blind-index-key. 409 without a next key, while a fill runs or while an import job holds staged rows.")
    ResponseEntity<?> switchBlindIndex() {
        try {
            BlindIndexRotation.Switched switched = blindIndex.switchToNext(actor());
            audit.record(AuditAction.KEY_ROTATION, null, List.of(), "blind index key switched to " + switched.fingerprint()
                    + ", " + switched.rows() + " rows (API)");
            return ResponseEntity.ok(blindIndexStatus());
        } catch (BlindIndexRotation.RotationRefused e) {
            return problem(e.refusal().name() + ": " + e.refusal().messageKey());
        }
    }

    static String actor() {
        return io.insurecrm.platform.security.CurrentStaff.username();
    }

    private static ResponseEntity<ProblemDetail> problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setType(URI.create("urn:insurecrm:problem:reencryption-refused"));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
