package io.insurecrm.engagement;

import java.time.Instant;
import java.time.LocalDate;

/** A task as the queues show it. */
public record EngagementTask(long id, long customerId, String customerName, TaskKind kind, String reason,
                             long assigneeAgentId, String assigneeName, LocalDate dueOn, String status,
                             Instant escalatedAt, Instant createdAt, String createdBy, String outcome) {

    public boolean overdue(LocalDate today) {
        return "OPEN".equals(status) && dueOn.isBefore(today);
    }
}
