package io.insurecrm.claim;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Rejecting a claim, always with a reason. */
public record RejectClaim(@NotBlank(message = "{claim.reason.required}") @Size(max = 2000) String reason) {
}
