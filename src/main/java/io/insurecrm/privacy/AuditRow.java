package io.insurecrm.privacy;

import java.time.Instant;
import java.util.List;

/**
 * One row of the audit trail as the export and the API list it: a row in the hash chain ({@link State#CHAINED}, with
 * its seq and hashes) or a row recorded but not yet chained ({@link State#PENDING}: an import's, chained within
 * seconds; no seq and no hashes yet).
 */
public record AuditRow(State state, Long seq, Instant occurredAt, String actor, String actorRole, String action,
                       Long customerId, List<String> fields, String reason, String remoteAddress, String prevHash,
                       String hash) {

    /** Whether the row is in the hash chain yet. */
    public enum State { CHAINED, PENDING }

    public AuditRow {
        fields = List.copyOf(fields);
    }

    static AuditRow chained(AuditEntry e) {
        return new AuditRow(State.CHAINED, e.seq(), e.occurredAt(), e.actor(), e.actorRole(), e.action(), e.customerId(),
                e.fields(), e.reason(), e.remoteAddress(), e.prevHash(), e.hash());
    }

    static AuditRow pending(AuditPending.Row p) {
        return new AuditRow(State.PENDING, null, p.occurredAt(), p.actor(), p.actorRole(), p.action(), p.customerId(),
                p.fields(), p.reason(), p.remoteAddress(), null, null);
    }
}
