package io.insurecrm.metrics;

import java.util.EnumSet;
import java.util.Set;

/**
 * The key figures beside 客均合同, each over a period [from, to) (docs/metrics.md has the definitions, also shown beside
 * every figure). Policy figures can be broken down by the policy's channel and product line; customer figures by the
 * customer's region, branch, segment and by month only.
 */
public enum Kpi {
    /** Policies that reached their end date in the period (not lapsed or cancelled before) that were renewed. */
    RENEWAL_RATE(true, true),
    /** Net promoter score of the survey answers in the period: % promoters (9–10) − % detractors (0–6). */
    NPS(false, false),
    /** Customers who referred someone (a REFERRAL interaction) in the period, of the customers in the group. */
    REFERRAL_RATE(false, true),
    /** Claims reported in the period per policy in force at some day of it. */
    CLAIM_FREQUENCY(true, false),
    /** Claims paid (settled in the period) ÷ premium earned in the period (annual premium × days covered ÷ 365). */
    LOSS_RATIO(true, true),
    /** Customers holding a policy in force on the first day who still hold one on the last day of the period. */
    RETENTION(false, true),
    /** Customers holding a policy in force on the first day who hold none on the last day (1 − retention). */
    CHURN(false, true),
    /** Survey answers in the period scoring 7 or more, of all answers. */
    SATISFACTION(false, true);

    private final boolean perPolicy;
    private final boolean percent;

    Kpi(boolean perPolicy, boolean percent) {
        this.perPolicy = perPolicy;
        this.percent = percent;
    }

    /** Whether it can be broken down by the policy's channel and product line. */
    public boolean perPolicy() {
        return perPolicy;
    }

    /** Whether the value is shown as a percentage (NPS is points already; claim frequency a plain ratio). */
    public boolean percent() {
        return percent;
    }

    public Set<KpiGroup> groups() {
        return perPolicy ? EnumSet.allOf(KpiGroup.class) : EnumSet.complementOf(EnumSet.of(KpiGroup.CHANNEL, KpiGroup.PRODUCT_LINE));
    }
}
