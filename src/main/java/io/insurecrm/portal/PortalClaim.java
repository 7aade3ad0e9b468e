package io.insurecrm.portal;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalDate;
import java.util.List;

/** A claim as the customer follows it: its steps so far (status, when, note) and its photos. */
public record PortalClaim(long id, String claimNumber, long policyId, String policyNumber, LocalDate incidentDate,
                          LocalDate reportedOn, BigDecimal amountClaimed, BigDecimal amountPaid, String status,
                          String description, List<Step> steps, List<Photo> photos) {

    public record Step(String status, LocalDateTime at, String note) {
    }

    public record Photo(long id, String fileName, String contentType, int sizeBytes) {
    }

    public boolean reached(String step) {
        return steps.stream().anyMatch(s -> s.status().equals(step));
    }
}
