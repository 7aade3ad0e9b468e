package io.insurecrm.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One key figure of a group: its key (region code, branch id, segment, channel, product line, month, or ALL), a label
 * for people, the numerator and denominator it is made of, and the value — numerator ÷ denominator (× 100 for a
 * percentage), two decimals (four for claim frequency); null when the denominator is 0.
 *
 * @param customers the distinct customers behind the figure, counted only when the small-cell rule is applied (for
 *                  analysts), otherwise null; not published
 * @param suppressed withheld from an analyst (docs/privacy.md section 7): the group counts fewer than k customers, or
 *                   it is the second cell withheld so the first cannot be worked out from the total; numerator,
 *                   denominator and value are then null
 */
public record KpiFigure(String key, String label, BigDecimal numerator, BigDecimal denominator, BigDecimal value,
                        @JsonIgnore Long customers, boolean suppressed) {

    static KpiFigure of(Kpi kpi, String key, String label, BigDecimal numerator, BigDecimal denominator) {
        return of(kpi, key, label, numerator, denominator, null);
    }

    static KpiFigure of(Kpi kpi, String key, String label, BigDecimal numerator, BigDecimal denominator, Long customers) {
        BigDecimal value = null;
        if (denominator != null && denominator.signum() != 0) {
            BigDecimal scaled = kpi.percent() ? numerator.multiply(BigDecimal.valueOf(100)) : numerator;
            value = scaled.divide(denominator, kpi == Kpi.CLAIM_FREQUENCY ? 4 : 2, RoundingMode.HALF_UP);
        }
        return new KpiFigure(key, label == null ? key : label, numerator.setScale(2, RoundingMode.HALF_UP),
                denominator.setScale(2, RoundingMode.HALF_UP), value, customers, false);
    }

    /** The same figure under another label. */
    KpiFigure labelled(String newLabel) {
        return new KpiFigure(key, newLabel, numerator, denominator, value, customers, suppressed);
    }

    /** The same group with its figures withheld (key and label kept). */
    public KpiFigure withheld() {
        return new KpiFigure(key, label, null, null, null, null, true);
    }

    /** Whether numerator and denominator are whole numbers (counts of customers, policies, answers): shown without decimals. */
    public boolean counts() {
        return whole(numerator) && whole(denominator);
    }

    private static boolean whole(BigDecimal number) {
        return number == null || number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }
}
