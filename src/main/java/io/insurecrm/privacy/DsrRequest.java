package io.insurecrm.privacy;

import java.time.Instant;
import java.time.LocalDate;

/** One data-subject request as the compliance pages and the API show it. {@code overdue}: open after its due date. */
public record DsrRequest(long id, long customerId, DsrType type, LocalDate receivedOn, LocalDate dueOn, DsrStatus status,
                         String assignee, String details, String outcome, Instant createdAt, String createdBy,
                         Instant verifiedAt, String verifiedBy, Instant closedAt, String closedBy, boolean overdue) {
}
