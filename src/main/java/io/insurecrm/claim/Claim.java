package io.insurecrm.claim;

import io.insurecrm.platform.crypto.SealedText;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import io.insurecrm.policy.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A claim on a policy. Its state machine, each step appended to the history with its time and note:
 * <pre>
 * REPORTED  → ASSESSING → APPROVED → PAID   (0 &lt; amount paid ≤ amount claimed; settled on the day paid)
 * REPORTED  → REJECTED                        (a reason is required; settled on the day rejected)
 * ASSESSING → REJECTED
 * </pre>
 * Anything else throws {@link IllegalStateTransitionException}. The reported date is never before the incident.
 * The description and the notes may carry health details: they are {@link SealedText}, stored encrypted and read in
 * the clear, so this class's API is clear text.
 */
@Table("claim")
public class Claim {

    @Id
    private Long id;
    private final String claimNumber;
    private final long policyId;
    private final long customerId;
    private final LocalDate incidentDate;
    private final LocalDate reportedOn;
    private LocalDate settledOn;
    private final BigDecimal amountClaimed;
    private BigDecimal amountPaid;
    private ClaimStatus status;
    private final SealedText description;
    @Version
    private Integer version;
    @MappedCollection(idColumn = "claim_id", keyColumn = "seq")
    private final List<ClaimStatusChange> history;

    @PersistenceCreator
    Claim(Long id, String claimNumber, long policyId, long customerId, LocalDate incidentDate, LocalDate reportedOn,
          LocalDate settledOn, BigDecimal amountClaimed, BigDecimal amountPaid, ClaimStatus status, SealedText description,
          Integer version, List<ClaimStatusChange> history) {
        this.id = id;
        this.claimNumber = claimNumber;
        this.policyId = policyId;
        this.customerId = customerId;
        this.incidentDate = incidentDate;
        this.reportedOn = reportedOn;
        this.settledOn = settledOn;
        this.amountClaimed = amountClaimed;
        this.amountPaid = amountPaid;
        this.status = status;
        this.description = description;
        this.version = version;
        this.history = new ArrayList<>(history == null ? List.of() : history);
    }

    /** A new claim, REPORTED, with the report as the first step of its history. */
    public static Claim report(ClaimNumber number, long policyId, long claimantId, LocalDate incidentDate,
                               LocalDate reportedOn, Money amountClaimed, String description, Instant now) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(incidentDate, "incidentDate");
        Objects.requireNonNull(reportedOn, "reportedOn");
        Objects.requireNonNull(amountClaimed, "amountClaimed");
        if (reportedOn.isBefore(incidentDate)) {
            throw new IllegalArgumentException("A claim is reported on or after the incident: " + reportedOn + " < " + incidentDate);
        }
        Claim claim = new Claim(null, number.value(), policyId, claimantId, incidentDate, reportedOn, null,
                amountClaimed.amount(), null, ClaimStatus.REPORTED, SealedText.of(description), null, List.of());
        claim.history.add(new ClaimStatusChange(ClaimStatus.REPORTED, Objects.requireNonNull(now, "now"), blankToNull(description)));
        return claim;
    }

    /** REPORTED → ASSESSING. */
    void startAssessment(String note, Instant now) {
        move(ClaimStatus.ASSESSING, note, now, ClaimStatus.REPORTED);
    }

    /** ASSESSING → APPROVED. */
    void approve(String note, Instant now) {
        move(ClaimStatus.APPROVED, note, now, ClaimStatus.ASSESSING);
    }

    /** APPROVED → PAID with the amount paid, more than zero and at most the amount claimed; settled on the day. */
    void pay(Money amount, LocalDate on, String note, Instant now) {
        requireFrom(ClaimStatus.PAID, ClaimStatus.APPROVED);
        if (!isPayable(amount)) {
            throw new IllegalArgumentException("The amount paid is more than zero and at most " + amountClaimed + ": " + amount);
        }
        move(ClaimStatus.PAID, note, now, ClaimStatus.APPROVED);
        amountPaid = amount.amount();
        settledOn = requireSettlementDate(on);
    }

    /** REPORTED or ASSESSING → REJECTED with a reason; settled on the day. */
    void reject(String reason, LocalDate on, Instant now) {
        requireFrom(ClaimStatus.REJECTED, ClaimStatus.REPORTED, ClaimStatus.ASSESSING);
        if (blankToNull(reason) == null) {
            throw new IllegalArgumentException("A rejection has a reason");
        }
        move(ClaimStatus.REJECTED, reason, now, ClaimStatus.REPORTED, ClaimStatus.ASSESSING);
        settledOn = requireSettlementDate(on);
    }

    /** Whether this amount may be paid on this claim: more than zero and at most the amount claimed. */
    public boolean isPayable(Money amount) {
        return amount != null && !amount.isZero() && amount.amount().compareTo(amountClaimed) <= 0;
    }

    private LocalDate requireSettlementDate(LocalDate on) {
        if (on.isBefore(reportedOn)) {
            throw new IllegalArgumentException("A claim is settled on or after it was reported: " + on);
        }
        return on;
    }

    private void requireFrom(ClaimStatus to, ClaimStatus... allowed) {
        for (ClaimStatus from : allowed) {
            if (status == from) {
                return;
            }
        }
        throw new IllegalStateTransitionException("Claim " + claimNumber, status, to);
    }

    private void move(ClaimStatus to, String note, Instant now, ClaimStatus... allowed) {
        requireFrom(to, allowed);
        status = to;
        history.add(new ClaimStatusChange(to, Objects.requireNonNull(now, "now"), blankToNull(note)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** When the claim entered the status, if it did. */
    public Optional<ClaimStatusChange> step(ClaimStatus status) {
        return history.stream().filter(change -> change.status() == status).reduce((first, second) -> second);
    }

    public Long getId() { return id; }
    public ClaimNumber getClaimNumber() { return new ClaimNumber(claimNumber); }
    public long getPolicyId() { return policyId; }
    public long getCustomerId() { return customerId; }
    public LocalDate getIncidentDate() { return incidentDate; }
    public LocalDate getReportedOn() { return reportedOn; }
    public LocalDate getSettledOn() { return settledOn; }
    public Money getAmountClaimed() { return new Money(amountClaimed); }
    public Optional<Money> getAmountPaid() { return Optional.ofNullable(amountPaid).map(Money::new); }
    public ClaimStatus getStatus() { return status; }
    public String getDescription() { return SealedText.clearOf(description); }
    public Integer getVersion() { return version; }
    public List<ClaimStatusChange> getHistory() { return Collections.unmodifiableList(history); }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Claim claim && id != null && id.equals(claim.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    @Override
    public String toString() {
        return "Claim[" + claimNumber + ", " + status + "]";
    }
}
