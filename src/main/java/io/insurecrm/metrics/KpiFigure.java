package io.insurecrm.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One key figure of a group: its key (region code, branch id, segment, channel, product line, month, or ALL), a label
 * for people, the numerator and denominator it is made of, and the value — numerator ÷ denominator (× 100 for a
 * percentage), two decimals (four for claim frequency); null when the denominator is 0.
 */
public record KpiFigure(String key, String label, BigDecimal numerator, BigDecimal denominator, BigDecimal value) {

    static KpiFigure of(Kpi kpi, String key, String label, BigDecimal numerator, BigDecimal denominator) {
        BigDecimal value = null;
        if (denominator != null && denominator.signum() != 0) {
            BigDecimal scaled = kpi.percent() ? numerator.multiply(BigDecimal.valueOf(100)) : numerator;
            value = scaled.divide(denominator, kpi == Kpi.CLAIM_FREQUENCY ? 4 : 2, RoundingMode.HALF_UP);
        }
        return new KpiFigure(key, label == null ? key : label, numerator.setScale(2, RoundingMode.HALF_UP),
                denominator.setScale(2, RoundingMode.HALF_UP), value);
    }

    /** Whether numerator and denominator are whole numbers (counts of customers, policies, answers): shown without decimals. */
    public boolean counts() {
        return whole(numerator) && whole(denominator);
    }

    private static boolean whole(BigDecimal number) {
        return number == null || number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }
}
