package io.insurecrm.customerview;

import io.insurecrm.interaction.InteractionEntry;
import io.insurecrm.platform.web.Paged;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything about one customer on one page: profile, household (null when he is in none), his policies grouped by
 * status (ACTIVE, LAPSED, EXPIRED, CANCELLED; empty groups left out), contract figures and layer coverage, claims
 * with progress, the newest interactions, and his current segments
 * (value, life stage, behaviour, dynamic layer, risk) with their reasons, and his current tags. {@code asOf} is the day the in-force figures refer to.
 */
public record Customer360(LocalDate asOf, CustomerProfile profile, HouseholdPanel household, List<PolicyGroup> policyGroups,
                          ContractFigures contracts, List<ClaimProgress> claims, Paged<InteractionEntry> interactions,
                          List<SegmentLine> segments, List<TagLine> tags) {
}
