package io.insurecrm.claim.web;

import io.insurecrm.claim.ReportClaim;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** The report-a-claim form. Rules against the policy are checked by the facade and shown on their field. */
public class ClaimForm {

    @NotNull(message = "{validation.required}")
    private Long policyId;
    private Long claimantId;
    @NotNull(message = "{validation.required}")
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate incidentDate;
    @NotNull(message = "{validation.required}")
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate reportedOn;
    @NotNull(message = "{validation.required}")
    @Positive(message = "{claim.amountClaimed.notPositive}")
    private BigDecimal amountClaimed;
    @Size(max = 2000)
    private String description;

    static ClaimForm forPolicy(long policyId, long claimantId, LocalDate today) {
        ClaimForm form = new ClaimForm();
        form.policyId = policyId;
        form.claimantId = claimantId;
        form.incidentDate = today;
        form.reportedOn = today;
        return form;
    }

    ReportClaim toCommand() {
        return new ReportClaim(policyId, claimantId, incidentDate, reportedOn, amountClaimed, description);
    }

    public Long getPolicyId() { return policyId; }
    public void setPolicyId(Long policyId) { this.policyId = policyId; }
    public Long getClaimantId() { return claimantId; }
    public void setClaimantId(Long claimantId) { this.claimantId = claimantId; }
    public LocalDate getIncidentDate() { return incidentDate; }
    public void setIncidentDate(LocalDate incidentDate) { this.incidentDate = incidentDate; }
    public LocalDate getReportedOn() { return reportedOn; }
    public void setReportedOn(LocalDate reportedOn) { this.reportedOn = reportedOn; }
    public BigDecimal getAmountClaimed() { return amountClaimed; }
    public void setAmountClaimed(BigDecimal amountClaimed) { this.amountClaimed = amountClaimed; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
}
