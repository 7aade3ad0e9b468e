package io.insurecrm.privacy;

/** RECEIVED, then VERIFIED once the requester's identity is checked, then COMPLETED or REJECTED (with a reason). */
public enum DsrStatus {
    RECEIVED, VERIFIED, COMPLETED, REJECTED;

    public boolean isOpen() {
        return this == RECEIVED || this == VERIFIED;
    }
}
