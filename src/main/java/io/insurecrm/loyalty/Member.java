package io.insurecrm.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A member as the programme sees him today: the tier in force and since when, the tier the rules give (qualified),
 * why and by which rule version, the facts used, a pending downgrade, a manual override (shown as such), his points.
 */
public record Member(long customerId, String name, Tier tier, Tier qualifiedTier, String reason, String reasonEn, int ruleVersion,
                     int insuredYears, BigDecimal annualPremium, int pointsLastYear, int pointsBalance, LocalDate tierSince,
                     LocalDate downgradeDue, Override override, LocalDate updatedOn) {

    /** A manual override: the tier set by hand, why, by whom, until when. */
    public record Override(Tier tier, String reason, String by, LocalDate until) {
    }

    /** Why the rules give the qualified tier, in the language of {@code locale} (English or Chinese). */
    public String reason(java.util.Locale locale) {
        return Reasons.in(locale, reason, reasonEn);
    }

    public boolean overridden() {
        return override != null;
    }
}
