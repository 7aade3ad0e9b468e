package io.insurecrm.engagement;

import java.time.Instant;

/** A complaint or service request with its SLA deadline. */
public record EngagementTicket(long id, long customerId, String customerName, String kind, String subject, String status,
                               Instant openedAt, Instant dueAt, Instant escalatedAt, Instant resolvedAt, String resolution) {

    public boolean overdue(Instant now) {
        return "OPEN".equals(status) && dueAt.isBefore(now);
    }
}
