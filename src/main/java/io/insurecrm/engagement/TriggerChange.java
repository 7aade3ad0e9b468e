package io.insurecrm.engagement;

/** A proposed trigger (new or the next version of an existing code), as the editor or the API sends it. */
public record TriggerChange(String code, Anchor anchor, int offsetDays, Integer parameter, boolean createTask,
                            TaskKind taskKind, int taskDueDays, String templateCode, Channel channel,
                            MessagePurpose purpose, boolean enabled) {
}
