package io.insurecrm.privacy;

import java.time.Instant;
import java.util.List;

/**
 * Audit rows recorded but not yet in the hash chain (an import chunk's rows, moved into the chain by the audit writer
 * within seconds of their commit) that match a search: how many, when the oldest occurred, and the newest of them.
 */
public record AuditPending(long count, Instant oldest, List<Row> newest) {

    public AuditPending {
        newest = List.copyOf(newest);
    }

    /** One pending row: what {@link AuditEntry} holds except its place in the chain. */
    public record Row(long pendingId, Instant occurredAt, String actor, String actorRole, String action, Long customerId,
                      List<String> fields, String reason, String remoteAddress) {

        public Row {
            fields = List.copyOf(fields);
        }
    }
}
