package io.insurecrm.engagement;

import java.time.Instant;

/**
 * A trigger as data: its anchor and offset (days, negative = before), an optional parameter for signals, and what
 * it produces — a task of a kind due after taskDueDays, a message from a template over a channel, or both.
 */
public record EngagementTrigger(String code, TriggerKind kind, Anchor anchor, int offsetDays, Integer parameter,
                                boolean createTask, TaskKind taskKind, int taskDueDays, String templateCode,
                                Channel channel, MessagePurpose purpose, boolean enabled, int version,
                                Instant updatedAt, String updatedBy) {

    public boolean sendsMessage() {
        return templateCode != null && channel != null;
    }
}
