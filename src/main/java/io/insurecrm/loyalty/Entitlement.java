package io.insurecrm.loyalty;

import java.time.LocalDate;

/**
 * A member's entitlement to a benefit for one period: quota (null = unlimited), used, valid until; {@code entitled}
 * = his tier in force is entitled to the benefit today (a downgrade leaves the row but not the right).
 */
public record Entitlement(long id, Benefit benefit, LocalDate periodStart, LocalDate validUntil, Integer quota, int used,
                          LocalDate activatedOn, boolean entitled) {

    public Integer remaining() {
        return quota == null ? null : quota - used;
    }
}
