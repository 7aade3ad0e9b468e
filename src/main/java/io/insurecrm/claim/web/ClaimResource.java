package io.insurecrm.claim.web;

import io.insurecrm.claim.Claim;
import io.insurecrm.claim.ClaimStatus;
import io.insurecrm.policy.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A claim as the API shows it, with its history; amounts in CNY. */
record ClaimResource(long id, String claimNumber, long policyId, long customerId, LocalDate incidentDate,
                     LocalDate reportedOn, LocalDate settledOn, BigDecimal amountClaimed, BigDecimal amountPaid,
                     ClaimStatus status, String description, List<Step> history, List<Flag> flags,
                     List<Attachment> attachments) {

    record Step(ClaimStatus status, Instant changedAt, String note) {
    }

    /** A flag another module set (code PHOTO_SETTLEMENT …) with its text in the request's language. */
    record Flag(String code, String text) {
    }

    /** A file kept for the claim (a customer's photo) and where to get it. */
    record Attachment(String source, long id, String fileName, String contentType, int sizeBytes, Instant uploadedAt,
                      String href) {
    }

    static ClaimResource of(Claim c, List<Flag> flags, List<Attachment> attachments) {
        return new ClaimResource(c.getId(), c.getClaimNumber().value(), c.getPolicyId(), c.getCustomerId(),
                c.getIncidentDate(), c.getReportedOn(), c.getSettledOn(), c.getAmountClaimed().amount(),
                c.getAmountPaid().map(Money::amount).orElse(null), c.getStatus(), c.getDescription(),
                c.getHistory().stream().map(s -> new Step(s.status(), s.changedAt(), s.note())).toList(), flags, attachments);
    }
}
