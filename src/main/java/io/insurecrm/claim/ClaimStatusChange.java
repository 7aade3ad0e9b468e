package io.insurecrm.claim;

import io.insurecrm.platform.crypto.SealedText;
import java.time.Instant;
import java.util.Objects;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One step of a claim's history: the status it moved to, when, and the handler's note. The note may carry health
 * details (the report's step copies the description): it is stored encrypted ({@link SealedText}) and read in the clear.
 * A value: equal when status, time and note are.
 */
@Table("claim_status_change")
public final class ClaimStatusChange {

    private final ClaimStatus status;
    private final Instant changedAt;
    @Column("note")
    private final SealedText sealedNote;

    public ClaimStatusChange(ClaimStatus status, Instant changedAt, String note) {
        this(SealedText.of(note), status, changedAt);
    }

    @PersistenceCreator
    private ClaimStatusChange(SealedText sealedNote, ClaimStatus status, Instant changedAt) {
        this.status = status;
        this.changedAt = changedAt;
        this.sealedNote = sealedNote;
    }

    public ClaimStatus status() { return status; }
    public Instant changedAt() { return changedAt; }
    public String note() { return SealedText.clearOf(sealedNote); }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ClaimStatusChange change && status == change.status
                && Objects.equals(changedAt, change.changedAt) && Objects.equals(sealedNote, change.sealedNote);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, changedAt, sealedNote);
    }

    @Override
    public String toString() {
        return "ClaimStatusChange[" + status + ", " + changedAt + "]";
    }
}
