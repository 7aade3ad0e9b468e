package io.insurecrm.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What renewing a home policy nearing expiry brings its holder: the tier he holds now, the tier the rules would give
 * him on the renewal's first day (the policy renewed on the same terms), the benefits that unlocks, and the line for a
 * renewal reminder in both languages (续保即可升级为黄金会员，解锁…).
 */
public record RenewalPreview(long policyId, String policyNumber, long customerId, LocalDate endDate, BigDecimal annualPremium,
                             Tier currentTier, Tier tierOnRenewal, int insuredYearsOnRenewal, List<Benefit> unlocked,
                             String messageZh, String messageEn) {

    public boolean upgrade() {
        return tierOnRenewal.above(currentTier);
    }
}
