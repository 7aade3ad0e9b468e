package io.insurecrm.segmentation;

import java.time.Instant;

/** One saved version of a segment or tag rule set, as the editors list them: who saved it, when, why, and whether active. */
public record RuleVersion(int version, String createdBy, Instant createdAt, String reason, boolean active) {
}
