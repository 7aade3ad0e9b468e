package io.insurecrm.policy;

import java.math.BigDecimal;

/**
 * How often the premium is paid. The annual premium is the premium times the payments per year; a single premium
 * counts once, as the premium of the year it is paid in (a single-premium policy's annual premium is its premium).
 */
public enum PaymentFrequency {
    ANNUAL(1), SEMI_ANNUAL(2), QUARTERLY(4), MONTHLY(12), SINGLE(1);

    private final int paymentsPerYear;

    PaymentFrequency(int paymentsPerYear) {
        this.paymentsPerYear = paymentsPerYear;
    }

    public int paymentsPerYear() {
        return paymentsPerYear;
    }

    public Money annualise(Money premium) {
        return premium.times(BigDecimal.valueOf(paymentsPerYear));
    }
}
