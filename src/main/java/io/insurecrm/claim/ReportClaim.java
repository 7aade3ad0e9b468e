package io.insurecrm.claim;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The command to report a claim. Rules against the policy (unknown or invisible policy, incident outside the term,
 * claimant not on the policy) and across dates are checked by {@link ClaimManagement} on the field they concern.
 *
 * @param claimantId the claimant; the policy's insured when empty
 * @param reportedOn the day of the report; today when empty
 */
public record ReportClaim(
        @NotNull(message = "{validation.required}") Long policyId,
        Long claimantId,
        @NotNull(message = "{validation.required}") LocalDate incidentDate,
        LocalDate reportedOn,
        @NotNull(message = "{validation.required}") @Positive(message = "{claim.amountClaimed.notPositive}") BigDecimal amountClaimed,
        @Size(max = 2000) String description) {
}
