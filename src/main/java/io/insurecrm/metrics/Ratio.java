package io.insurecrm.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One 客均合同 figure: active contracts ÷ customers holding at least one of them, rounded half-up to two decimals;
 * no ratio (null) when no customer holds an active contract.
 */
public record Ratio(long activeContracts, long activeCustomers) {

    public Ratio {
        if (activeContracts < 0 || activeCustomers < 0) {
            throw new IllegalArgumentException("Counts cannot be negative");
        }
        if (activeCustomers > activeContracts) {
            throw new IllegalArgumentException("Every counted customer holds at least one contract: "
                    + activeCustomers + " customers > " + activeContracts + " contracts");
        }
    }

    public static final Ratio NONE = new Ratio(0, 0);

    public BigDecimal ratio() {
        return of(activeContracts, activeCustomers);
    }

    public Ratio plus(Ratio other) {
        return new Ratio(activeContracts + other.activeContracts, activeCustomers + other.activeCustomers);
    }

    static BigDecimal of(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
    }
}
