package io.insurecrm.loyalty;

/** The period a benefit's quota renews in (calendar year, quarter or month). */
public enum QuotaPeriod {
    YEAR, QUARTER, MONTH
}
