package io.insurecrm.claim.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Paying an approved claim on its page. */
public class PaymentForm {

    @NotNull(message = "{validation.required}")
    @Positive(message = "{claim.amountPaid.positive}")
    private BigDecimal amountPaid;
    @Size(max = 2000)
    private String note;

    public BigDecimal getAmountPaid() { return amountPaid; }
    public void setAmountPaid(BigDecimal amountPaid) { this.amountPaid = amountPaid; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
}
