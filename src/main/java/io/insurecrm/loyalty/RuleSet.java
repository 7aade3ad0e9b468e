package io.insurecrm.loyalty;

import java.time.Instant;

/** A saved version of the tier rules. */
public record RuleSet(long id, int version, Instant createdAt, String createdBy, boolean active, TierRules rules) {
}
