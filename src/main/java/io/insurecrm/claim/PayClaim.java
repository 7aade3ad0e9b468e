package io.insurecrm.claim;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Paying an approved claim: the amount, more than zero and at most the amount claimed. */
public record PayClaim(
        @NotNull(message = "{validation.required}") @Positive(message = "{claim.amountPaid.positive}") BigDecimal amountPaid,
        @Size(max = 2000) String note) {
}
