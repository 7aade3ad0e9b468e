package io.insurecrm.claim;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.policy.Money;
import io.insurecrm.policy.Policy;
import io.insurecrm.policy.PolicyManagement;
import io.insurecrm.policy.PolicyNotFound;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The claim module's facade: reporting claims and moving them on, finding them within the caller's data scope.
 * A claim is visible exactly when the holder of its policy is; one outside the scope is reported as not found.
 */
@Service
public class ClaimManagement {

    private static final String REPORTERS = "hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')";
    private static final String HANDLERS = "hasAnyRole('BRANCH_MANAGER','ADMIN')";
    private static final String VISIBLE = """
              join policy p on p.id = c.policy_id
              join customer h on h.id = p.holder_id and %s
            """.formatted(DataScope.predicate("h"));

    private final Claims claims;
    private final PolicyManagement policies;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ClaimManagement(Claims claims, PolicyManagement policies, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.claims = claims;
        this.policies = policies;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The claim if it exists and the holder of its policy is within the scope. */
    @Transactional(readOnly = true)
    public Claim find(long id, DataScope scope) {
        boolean visible = scoped(jdbc.sql("select exists (select 1 from claim c " + VISIBLE + " where c.id = :id)"), scope)
                .param("id", id).query(Boolean.class).single();
        if (!visible) {
            throw ClaimNotFound.withId(id);
        }
        return claims.findById(id).orElseThrow(() -> ClaimNotFound.withId(id));
    }

    /**
     * Reports a claim on a visible policy: the incident within the policy's cover (start to end, or to the day it
     * lapsed or was cancelled), reported on or after the incident and not in the future, by the holder or the
     * insured. Nothing is written when a rule is broken. Publishes {@link ClaimStatusChanged} (from null).
     */
    @Transactional
    @PreAuthorize(REPORTERS)
    public long report(ReportClaim command, DataScope scope) {
        Policy policy;
        try {
            policy = policies.find(command.policyId(), scope);
        } catch (PolicyNotFound e) {
            throw new FieldRuleViolation("policyId", "claim.policy.unknown", command.policyId());
        }
        return reportOn(policy, command);
    }

    /**
     * Self-service report by a customer (the customer portal) on a policy he holds or is insured by; the same rules
     * as {@link #report}. A policy of someone else is reported as unknown on the policyId field.
     */
    @Transactional
    public long reportAsCustomer(long customerId, ReportClaim command) {
        Policy policy;
        try {
            policy = policies.find(command.policyId(), DataScope.all());
        } catch (PolicyNotFound e) {
            throw new FieldRuleViolation("policyId", "claim.policy.unknown", command.policyId());
        }
        if (policy.getHolderId() != customerId && policy.getInsuredId() != customerId) {
            throw new FieldRuleViolation("policyId", "claim.policy.unknown", command.policyId());
        }
        return reportOn(policy, command);
    }

    private long reportOn(Policy policy, ReportClaim command) {
        if (command.amountClaimed() == null || command.amountClaimed().signum() <= 0) {
            throw new FieldRuleViolation("amountClaimed", "claim.amountClaimed.notPositive");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate reportedOn = command.reportedOn() == null ? today : command.reportedOn();
        if (!policy.covers(command.incidentDate())) {
            throw new FieldRuleViolation("incidentDate", "claim.incidentDate.outsideTerm",
                    policy.getStartDate(), policy.getTerminatedOn() != null && policy.getTerminatedOn().isBefore(policy.getEndDate())
                            ? policy.getTerminatedOn() : policy.getEndDate());
        }
        if (reportedOn.isAfter(today)) {
            throw new FieldRuleViolation("reportedOn", "claim.reportedOn.future");
        }
        if (reportedOn.isBefore(command.incidentDate())) {
            throw new FieldRuleViolation("reportedOn", "claim.reportedOn.beforeIncident");
        }
        long claimantId = command.claimantId() == null ? policy.getInsuredId() : command.claimantId();
        if (claimantId != policy.getInsuredId() && claimantId != policy.getHolderId()) {
            throw new FieldRuleViolation("claimantId", "claim.claimant.notOnPolicy", claimantId);
        }
        Money amount;
        try {
            amount = new Money(command.amountClaimed());
        } catch (IllegalArgumentException e) {
            throw new FieldRuleViolation("amountClaimed", "claim.amount.invalid");
        }
        Claim claim = claims.save(Claim.report(nextNumber(), policy.getId(), claimantId, command.incidentDate(),
                reportedOn, amount, command.description(), clock.instant()));
        events.publishEvent(new ClaimStatusChanged(claim.getId(), claimantId, policy.getId(), null, ClaimStatus.REPORTED));
        return claim.getId();
    }

    /** REPORTED → ASSESSING. */
    @Transactional
    @PreAuthorize(HANDLERS)
    public void assess(long id, ClaimStep step, DataScope scope) {
        change(id, scope, (claim, today, now) -> claim.startAssessment(step.note(), now));
    }

    /** ASSESSING → APPROVED. */
    @Transactional
    @PreAuthorize(HANDLERS)
    public void approve(long id, ClaimStep step, DataScope scope) {
        change(id, scope, (claim, today, now) -> claim.approve(step.note(), now));
    }

    /** APPROVED → PAID; publishes {@link ClaimSettled} as well. */
    @Transactional
    @PreAuthorize(HANDLERS)
    public void pay(long id, PayClaim command, DataScope scope) {
        change(id, scope, (claim, today, now) -> {
            Money amount = command.amountPaid() == null || command.amountPaid().signum() <= 0
                    || command.amountPaid().stripTrailingZeros().scale() > 2 ? null : new Money(command.amountPaid());
            if (claim.getStatus() == ClaimStatus.APPROVED && !claim.isPayable(amount)) {
                throw new FieldRuleViolation("amountPaid", "claim.amountPaid.invalid", claim.getAmountClaimed().amount());
            }
            claim.pay(amount, today, command.note(), now);
        });
    }

    /** REPORTED or ASSESSING → REJECTED with a reason; publishes {@link ClaimSettled} as well. */
    @Transactional
    @PreAuthorize(HANDLERS)
    public void reject(long id, RejectClaim command, DataScope scope) {
        if (command.reason() == null || command.reason().isBlank()) {
            throw new FieldRuleViolation("reason", "claim.reason.required");
        }
        change(id, scope, (claim, today, now) -> claim.reject(command.reason(), today, now));
    }

    private void change(long id, DataScope scope, Step step) {
        Claim claim = find(id, scope);
        ClaimStatus from = claim.getStatus();
        step.apply(claim, LocalDate.now(clock), clock.instant());
        claims.save(claim);
        events.publishEvent(new ClaimStatusChanged(id, claim.getCustomerId(), claim.getPolicyId(), from, claim.getStatus()));
        if (claim.getStatus().isSettled()) {
            events.publishEvent(new ClaimSettled(id, claim.getCustomerId(), claim.getPolicyId(), claim.getStatus(),
                    claim.getAmountPaid().map(Money::amount).orElse(null), claim.getSettledOn()));
        }
    }

    @FunctionalInterface
    private interface Step {
        void apply(Claim claim, LocalDate today, Instant now);
    }

    /** The claims a customer made or that are on his policies, newest first, within the scope. */
    @Transactional(readOnly = true)
    public List<ClaimRow> ofCustomer(long customerId, DataScope scope) {
        return scoped(jdbc.sql(ROW_SELECT + VISIBLE + """
                 where (c.customer_id = :customerId or p.holder_id = :customerId)
                 order by c.reported_on desc, c.id desc
                """), scope)
                .param("customerId", customerId)
                .query(ClaimManagement::row)
                .list();
    }

    /** The claims on one policy, newest first, within the scope. */
    @Transactional(readOnly = true)
    public List<ClaimRow> onPolicy(long policyId, DataScope scope) {
        return scoped(jdbc.sql(ROW_SELECT + VISIBLE + """
                 where c.policy_id = :policyId
                 order by c.reported_on desc, c.id desc
                """), scope)
                .param("policyId", policyId)
                .query(ClaimManagement::row)
                .list();
    }

    private static final String ROW_SELECT = """
            select c.id, c.claim_number, c.policy_id, p.policy_number, c.customer_id, c.incident_date, c.reported_on,
                   c.settled_on, c.amount_claimed, c.amount_paid, c.status
              from claim c
            """;

    private static ClaimRow row(ResultSet rs, int n) throws SQLException {
        return new ClaimRow(rs.getLong("id"), rs.getString("claim_number"), rs.getLong("policy_id"),
                rs.getString("policy_number"), rs.getLong("customer_id"), rs.getObject("incident_date", LocalDate.class),
                rs.getObject("reported_on", LocalDate.class), rs.getObject("settled_on", LocalDate.class),
                rs.getBigDecimal("amount_claimed"), rs.getBigDecimal("amount_paid"),
                ClaimStatus.valueOf(rs.getString("status")));
    }

    private ClaimNumber nextNumber() {
        long sequence = jdbc.sql("select nextval('claim_number_seq')").query(Long.class).single();
        return ClaimNumber.of(LocalDate.now(clock).getYear(), sequence);
    }

    private static JdbcClient.StatementSpec scoped(JdbcClient.StatementSpec spec, DataScope scope) {
        return spec.param("scopeAll", scope.scopeAll())
                .param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch());
    }
}
