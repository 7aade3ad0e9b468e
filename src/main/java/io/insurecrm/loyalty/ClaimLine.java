package io.insurecrm.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A member's claim as the programme shows it: its progress (status and when it last moved) and whether it is flagged
 * for photo settlement without an on-site survey (an open home claim under the threshold of a member whose tier is
 * entitled to PHOTO_SETTLEMENT).
 */
public record ClaimLine(long claimId, String claimNumber, long customerId, String customerName, String policyNumber,
                        boolean homeClaim, BigDecimal amountClaimed, String status, LocalDate reportedOn,
                        LocalDate lastChangeOn, Tier tier, boolean photoSettlement) {
}
