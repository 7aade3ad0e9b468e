package io.insurecrm.privacy;

import java.time.Instant;
import java.util.List;

/** One row of the audit trail as stored. */
public record AuditEntry(long seq, Instant occurredAt, String actor, String actorRole, String action, Long customerId,
                         List<String> fields, String reason, String remoteAddress, String prevHash, String hash) {

    public AuditEntry {
        fields = List.copyOf(fields);
    }
}
