package io.insurecrm.loyalty;

import java.time.LocalDate;

/**
 * A member's tier in force changed: by the rules ({@code EVALUATION}), by a manual override or by an override running
 * out. {@code ruleVersion} is null for an override. An upgrade is {@code to.above(from)}.
 */
public record TierChanged(long customerId, Tier from, Tier to, String cause, Integer ruleVersion, String reason,
                          LocalDate on) {

    public boolean upgrade() {
        return to.above(from);
    }
}
