package io.insurecrm.policy.web;

import io.insurecrm.policy.IssuePolicy;
import io.insurecrm.policy.PaymentFrequency;
import io.insurecrm.policy.SalesChannel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** The new-policy form. Rules across fields and against the database are checked by the facade. */
public class PolicyForm {

    @NotNull(message = "{validation.required}")
    private Long holderId;
    private Long insuredId;
    @NotNull(message = "{validation.required}")
    private Long productId;
    @NotNull(message = "{validation.required}")
    @PositiveOrZero(message = "{policy.premium.negative}")
    private BigDecimal premium;
    @NotNull(message = "{validation.required}")
    private PaymentFrequency paymentFrequency = PaymentFrequency.ANNUAL;
    @NotNull(message = "{validation.required}")
    @PositiveOrZero(message = "{policy.sumInsured.negative}")
    private BigDecimal sumInsured;
    @NotNull(message = "{validation.required}")
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate startDate;
    @NotNull(message = "{validation.required}")
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate endDate;
    @NotNull(message = "{validation.required}")
    private SalesChannel channel = SalesChannel.AGENT;
    private Long agentId;

    /** A form for the holder starting today and running a year. */
    static PolicyForm forHolder(long holderId, LocalDate today) {
        PolicyForm form = new PolicyForm();
        form.holderId = holderId;
        form.insuredId = holderId;
        form.startDate = today;
        form.endDate = today.plusYears(1).minusDays(1);
        return form;
    }

    IssuePolicy toCommand() {
        return new IssuePolicy(holderId, insuredId, productId, premium, paymentFrequency, sumInsured, startDate, endDate,
                channel, agentId);
    }

    public Long getHolderId() { return holderId; }
    public void setHolderId(Long holderId) { this.holderId = holderId; }
    public Long getInsuredId() { return insuredId; }
    public void setInsuredId(Long insuredId) { this.insuredId = insuredId; }
    public Long getProductId() { return productId; }
    public void setProductId(Long productId) { this.productId = productId; }
    public BigDecimal getPremium() { return premium; }
    public void setPremium(BigDecimal premium) { this.premium = premium; }
    public PaymentFrequency getPaymentFrequency() { return paymentFrequency; }
    public void setPaymentFrequency(PaymentFrequency paymentFrequency) { this.paymentFrequency = paymentFrequency; }
    public BigDecimal getSumInsured() { return sumInsured; }
    public void setSumInsured(BigDecimal sumInsured) { this.sumInsured = sumInsured; }
    public LocalDate getStartDate() { return startDate; }
    public void setStartDate(LocalDate startDate) { this.startDate = startDate; }
    public LocalDate getEndDate() { return endDate; }
    public void setEndDate(LocalDate endDate) { this.endDate = endDate; }
    public SalesChannel getChannel() { return channel; }
    public void setChannel(SalesChannel channel) { this.channel = channel; }
    public Long getAgentId() { return agentId; }
    public void setAgentId(Long agentId) { this.agentId = agentId; }
}
