package io.insurecrm.claim.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Rejecting a claim on its page, always with a reason. */
public class RejectionForm {

    @NotBlank(message = "{claim.reason.required}")
    @Size(max = 2000)
    private String reason;

    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
