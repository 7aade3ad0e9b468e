package io.insurecrm.privacy;

/**
 * The result of recomputing the hash chain: how many rows were checked and, when broken, the first seq that does
 * not fit and why.
 */
public record AuditVerification(boolean intact, long checked, Long firstBrokenSeq, String problem) {

    static AuditVerification ok(long checked) {
        return new AuditVerification(true, checked, null, null);
    }

    static AuditVerification brokenAt(long checked, long seq, String problem) {
        return new AuditVerification(false, checked, seq, problem);
    }
}
