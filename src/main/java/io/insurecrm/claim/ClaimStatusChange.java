package io.insurecrm.claim;

import java.time.Instant;
import org.springframework.data.relational.core.mapping.Table;

/** One step of a claim's history: the status it moved to, when, and the handler's note. */
@Table("claim_status_change")
public record ClaimStatusChange(ClaimStatus status, Instant changedAt, String note) {
}
