package io.insurecrm.crosssell;

import java.time.Instant;
import java.util.List;

/**
 * A version of the gap rules, in evaluation order; {@code reason} is why it was saved (null for the versions saved
 * before reasons were asked for).
 */
public record GapRuleSet(long id, int version, Instant createdAt, String createdBy, boolean active, List<GapRule> rules,
                         String reason) {

    public GapRuleSet {
        rules = List.copyOf(rules);
    }
}
