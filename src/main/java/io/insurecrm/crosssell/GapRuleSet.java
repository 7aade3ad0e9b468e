package io.insurecrm.crosssell;

import java.time.Instant;
import java.util.List;

/** A version of the gap rules, in evaluation order. */
public record GapRuleSet(long id, int version, Instant createdAt, String createdBy, boolean active, List<GapRule> rules) {

    public GapRuleSet {
        rules = List.copyOf(rules);
    }
}
