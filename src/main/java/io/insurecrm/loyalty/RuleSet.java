package io.insurecrm.loyalty;

import java.time.Instant;

/**
 * A saved version of the tier rules; {@code reason} is why it was saved (null for the versions saved before reasons
 * were asked for).
 */
public record RuleSet(long id, int version, Instant createdAt, String createdBy, boolean active, TierRules rules,
                      String reason) {
}
