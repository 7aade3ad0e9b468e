package io.insurecrm.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One term of an insurance contract. A term runs from its start date to its end date, both days included; its
 * renewal is a new term starting the day after. The aggregate guards its state machine:
 * <pre>
 * ACTIVE → LAPSED      (premium not paid)            terminated_on = the day it lapsed
 * ACTIVE → CANCELLED   (surrender or cancellation)   terminated_on = the day it was cancelled
 * ACTIVE → EXPIRED     only on or after the end date
 * LAPSED → ACTIVE      reinstatement within the reinstatement period after the lapse, and not after the end date
 * </pre>
 * Anything else throws {@link PolicyTransitionRefused}. Other aggregates are referred to by id only.
 */
@Table("policy")
public class Policy {

    @Id
    private Long id;
    private final String policyNumber;
    private final long holderId;
    private final long insuredId;
    private final long productId;
    private final BigDecimal premium;
    private final PaymentFrequency paymentFrequency;
    private final BigDecimal annualPremium;
    private final BigDecimal sumInsured;
    private final LocalDate startDate;
    private final LocalDate endDate;
    private PolicyStatus status;
    private LocalDate terminatedOn;
    private final Long renewsPolicyId;
    private final SalesChannel channel;
    private final long agentId;
    private final long branchId;
    private final Instant createdAt;
    @Version
    private Integer version;

    @PersistenceCreator
    Policy(Long id, String policyNumber, long holderId, long insuredId, long productId, BigDecimal premium,
           PaymentFrequency paymentFrequency, BigDecimal annualPremium, BigDecimal sumInsured, LocalDate startDate,
           LocalDate endDate, PolicyStatus status, LocalDate terminatedOn, Long renewsPolicyId, SalesChannel channel,
           long agentId, long branchId, Instant createdAt, Integer version) {
        this.id = id;
        this.policyNumber = policyNumber;
        this.holderId = holderId;
        this.insuredId = insuredId;
        this.productId = productId;
        this.premium = premium;
        this.paymentFrequency = paymentFrequency;
        this.annualPremium = annualPremium;
        this.sumInsured = sumInsured;
        this.startDate = startDate;
        this.endDate = endDate;
        this.status = status;
        this.terminatedOn = terminatedOn;
        this.renewsPolicyId = renewsPolicyId;
        this.channel = channel;
        this.agentId = agentId;
        this.branchId = branchId;
        this.createdAt = createdAt;
        this.version = version;
    }

    /** A new, active term. The annual premium is derived from the premium and the payment frequency. */
    public static Policy issue(PolicyNumber number, long holderId, long insuredId, long productId, Money premium,
                               PaymentFrequency frequency, Money sumInsured, LocalDate startDate, LocalDate endDate,
                               SalesChannel channel, long agentId, long branchId, Instant createdAt) {
        return term(number, holderId, insuredId, productId, premium, frequency, sumInsured, startDate, endDate,
                null, channel, agentId, branchId, createdAt);
    }

    private static Policy term(PolicyNumber number, long holderId, long insuredId, long productId, Money premium,
                               PaymentFrequency frequency, Money sumInsured, LocalDate startDate, LocalDate endDate,
                               Long renewsPolicyId, SalesChannel channel, long agentId, long branchId, Instant createdAt) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(premium, "premium");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(sumInsured, "sumInsured");
        Objects.requireNonNull(channel, "channel");
        requireEndAfterStart(startDate, endDate);
        return new Policy(null, number.value(), holderId, insuredId, productId, premium.amount(), frequency,
                frequency.annualise(premium).amount(), sumInsured.amount(), startDate, endDate, PolicyStatus.ACTIVE,
                null, renewsPolicyId, channel, agentId, branchId, Objects.requireNonNull(createdAt, "createdAt"), null);
    }

    static void requireEndAfterStart(LocalDate startDate, LocalDate endDate) {
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        if (!endDate.isAfter(startDate)) {
            throw new IllegalArgumentException("A policy ends after it starts: " + startDate + " – " + endDate);
        }
    }

    /** Whether this term may be renewed (by a caller who knows it has not been renewed yet). */
    public boolean isRenewable() {
        return status == PolicyStatus.ACTIVE || status == PolicyStatus.EXPIRED;
    }

    /**
     * The next term: same holder, insured, product, channel and agent, starting the day after this term ends and
     * running {@code termMonths} months. Only an active or expired term is renewed; this term itself stays as it is
     * and expires at its end.
     */
    Policy renewal(PolicyNumber number, Money premium, PaymentFrequency frequency, Money sumInsured, int termMonths,
                   Instant now) {
        if (!isRenewable()) {
            throw new PolicyTransitionRefused(policyNumber, status, PolicyStatus.ACTIVE, "only an active or expired term is renewed");
        }
        if (id == null) {
            throw new IllegalStateException("An unsaved policy cannot be renewed");
        }
        if (termMonths <= 0) {
            throw new IllegalArgumentException("A term is at least one month");
        }
        LocalDate nextStart = endDate.plusDays(1);
        LocalDate nextEnd = nextStart.plusMonths(termMonths).minusDays(1);
        return term(number, holderId, insuredId, productId, premium, frequency, sumInsured, nextStart, nextEnd, id,
                channel, agentId, branchId, now);
    }

    /** The premium was not paid: ACTIVE → LAPSED on the given day. */
    void lapse(LocalDate on) {
        move(PolicyStatus.ACTIVE, PolicyStatus.LAPSED);
        terminatedOn = Objects.requireNonNull(on, "on");
    }

    /** Cancelled or surrendered: ACTIVE → CANCELLED on the given day. */
    void cancel(LocalDate on) {
        move(PolicyStatus.ACTIVE, PolicyStatus.CANCELLED);
        terminatedOn = Objects.requireNonNull(on, "on");
    }

    /** ACTIVE → EXPIRED, only on or after the end date. */
    void expire(LocalDate today) {
        if (status == PolicyStatus.ACTIVE && today.isBefore(endDate)) {
            throw new PolicyTransitionRefused(policyNumber, status, PolicyStatus.EXPIRED, "it ends on " + endDate);
        }
        move(PolicyStatus.ACTIVE, PolicyStatus.EXPIRED);
    }

    /** LAPSED → ACTIVE, within {@code period} after the lapse and not after the end date. */
    void reinstate(LocalDate today, Period period) {
        if (status == PolicyStatus.LAPSED) {
            if (today.isAfter(terminatedOn.plus(period))) {
                throw new PolicyTransitionRefused(policyNumber, status, PolicyStatus.ACTIVE,
                        "the reinstatement period of " + period + " after " + terminatedOn + " is over");
            }
            if (today.isAfter(endDate)) {
                throw new PolicyTransitionRefused(policyNumber, status, PolicyStatus.ACTIVE, "the term ended on " + endDate);
            }
        }
        move(PolicyStatus.LAPSED, PolicyStatus.ACTIVE);
        terminatedOn = null;
    }

    private void move(PolicyStatus from, PolicyStatus to) {
        if (status != from) {
            throw PolicyTransitionRefused.notAllowed(policyNumber, status, to);
        }
        status = to;
    }

    /** Whether an incident on this day is covered by this term: from the start to the end or the termination. */
    public boolean covers(LocalDate day) {
        LocalDate lastDay = terminatedOn != null && terminatedOn.isBefore(endDate) ? terminatedOn : endDate;
        return !day.isBefore(startDate) && !day.isAfter(lastDay);
    }

    public Long getId() { return id; }
    public PolicyNumber getPolicyNumber() { return new PolicyNumber(policyNumber); }
    public long getHolderId() { return holderId; }
    public long getInsuredId() { return insuredId; }
    public long getProductId() { return productId; }
    public Money getPremium() { return new Money(premium); }
    public PaymentFrequency getPaymentFrequency() { return paymentFrequency; }
    public Money getAnnualPremium() { return new Money(annualPremium); }
    public Money getSumInsured() { return new Money(sumInsured); }
    public LocalDate getStartDate() { return startDate; }
    public LocalDate getEndDate() { return endDate; }
    public PolicyStatus getStatus() { return status; }
    public LocalDate getTerminatedOn() { return terminatedOn; }
    public Long getRenewsPolicyId() { return renewsPolicyId; }
    public SalesChannel getChannel() { return channel; }
    public long getAgentId() { return agentId; }
    public long getBranchId() { return branchId; }
    public Instant getCreatedAt() { return createdAt; }
    public Integer getVersion() { return version; }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Policy policy && id != null && id.equals(policy.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    @Override
    public String toString() {
        return "Policy[" + policyNumber + ", " + status + "]";
    }
}
