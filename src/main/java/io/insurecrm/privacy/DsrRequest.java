package io.insurecrm.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One data-subject request as the compliance pages and the API show it. {@code overdue}: open after its due date;
 * {@code corrected}: what a CORRECTION request applied through it changed (masked where sensitive; empty in lists).
 */
public record DsrRequest(long id, long customerId, DsrType type, LocalDate receivedOn, LocalDate dueOn, DsrStatus status,
                         String assignee, String details, String outcome, Instant createdAt, String createdBy,
                         Instant verifiedAt, String verifiedBy, Instant closedAt, String closedBy, boolean overdue,
                         List<CorrectedField> corrected) {

    public DsrRequest withCorrected(List<CorrectedField> fields) {
        return new DsrRequest(id, customerId, type, receivedOn, dueOn, status, assignee, details, outcome, createdAt, createdBy,
                verifiedAt, verifiedBy, closedAt, closedBy, overdue, List.copyOf(fields));
    }
}
