package io.insurecrm.loyalty;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A benefit of the catalogue: the tiers entitled to it, its quota per period (null = unlimited) and how many days an
 * activated entitlement stays valid (null = to the end of the period).
 */
public record Benefit(String code, BenefitCategory category, String nameZh, String nameEn, Set<Tier> tiers,
                      Integer quota, QuotaPeriod period, Integer validityDays, boolean active) {

    public Benefit {
        tiers = tiers == null ? Set.of() : Set.copyOf(tiers);
    }

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }

    public boolean entitles(Tier tier) {
        return active && tiers.contains(tier);
    }

    /** The entitled tiers lowest first, for display. */
    public List<Tier> tiersInOrder() {
        return tiers.stream().sorted().toList();
    }
}
