package io.insurecrm.privacy;

import java.time.Instant;

/**
 * The result of recomputing the hash chain: how many rows were checked and, when broken, the first seq that does
 * not fit and why; and how many rows are recorded but not yet chained (pending, written by an import's chunks and
 * moved into the chain by the audit writer within seconds), with when the oldest of them occurred. Pending rows do
 * not make the chain broken: they are not part of it yet.
 */
public record AuditVerification(boolean intact, long checked, Long firstBrokenSeq, String problem, long pending,
                                Instant oldestPending) {

    static AuditVerification ok(long checked) {
        return new AuditVerification(true, checked, null, null, 0, null);
    }

    static AuditVerification brokenAt(long checked, long seq, String problem) {
        return new AuditVerification(false, checked, seq, problem, 0, null);
    }

    /** The same result with the rows not yet chained. */
    AuditVerification withPending(long pending, Instant oldestPending) {
        return new AuditVerification(intact, checked, firstBrokenSeq, problem, pending, oldestPending);
    }
}
