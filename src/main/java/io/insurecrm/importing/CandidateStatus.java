package io.insurecrm.importing;

/** Where a duplicate candidate stands: still to decide, merged, or dismissed as two different people. */
public enum CandidateStatus {
    OPEN, MERGED, DISMISSED
}
