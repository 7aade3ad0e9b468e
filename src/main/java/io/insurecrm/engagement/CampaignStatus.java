package io.insurecrm.engagement;

/**
 * Where a campaign is: DRAFT (editable, previewable) → SCHEDULED (launched at its time) or RUNNING (its messages are
 * queued) → DONE (none is waiting in the outbox any more). DRAFT, SCHEDULED and RUNNING may be CANCELLED; a cancelled
 * running campaign's messages still waiting are suppressed.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, RUNNING, DONE, CANCELLED;

    public boolean editable() {
        return this == DRAFT;
    }

    public boolean launchable() {
        return this == DRAFT || this == SCHEDULED;
    }

    public boolean cancellable() {
        return this == DRAFT || this == SCHEDULED || this == RUNNING;
    }
}
