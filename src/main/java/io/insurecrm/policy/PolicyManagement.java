package io.insurecrm.policy;

import io.insurecrm.customer.Customer;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.CustomerNotFound;
import io.insurecrm.organisation.Agent;
import io.insurecrm.organisation.Agents;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.product.Product;
import io.insurecrm.product.Products;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy module's facade: issuing, renewing, lapsing, cancelling, reinstating and finding policies, always
 * within the caller's data scope. A policy is visible exactly when its holder is; one outside the scope is
 * reported as not found.
 */
@Service
public class PolicyManagement {

    private static final String WRITERS = "hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')";
    private static final String VISIBLE = "join customer h on h.id = p.holder_id and " + DataScope.predicate("h");

    private final Policies policies;
    private final CustomerManagement customers;
    private final Products products;
    private final Agents agents;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PolicySettings settings;

    PolicyManagement(Policies policies, CustomerManagement customers, Products products, Agents agents, JdbcClient jdbc,
                     ApplicationEventPublisher events, Clock clock, PolicySettings settings) {
        this.policies = policies;
        this.customers = customers;
        this.products = products;
        this.agents = agents;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    /** The policy if it exists and its holder is within the scope. */
    @Transactional(readOnly = true)
    public Policy find(long id, DataScope scope) {
        boolean visible = scoped(jdbc.sql("select exists (select 1 from policy p " + VISIBLE + " where p.id = :id)"), scope)
                .param("id", id).query(Boolean.class).single();
        if (!visible) {
            throw PolicyNotFound.withId(id);
        }
        return policies.findById(id).orElseThrow(() -> PolicyNotFound.withId(id));
    }

    /** Issues a first term; nothing is written when a rule is broken. Publishes {@link PolicyIssued}. */
    @Transactional
    @PreAuthorize(WRITERS)
    public long issue(IssuePolicy command, DataScope scope) {
        Money premium = nonNegative(command.premium(), "premium", "policy.premium.negative");
        Money sumInsured = nonNegative(command.sumInsured(), "sumInsured", "policy.sumInsured.negative");
        if (!command.endDate().isAfter(command.startDate())) {
            throw new FieldRuleViolation("endDate", "policy.endDate.beforeStart");
        }
        Product product = products.findById(command.productId())
                .orElseThrow(() -> new FieldRuleViolation("productId", "policy.product.unknown", command.productId()));
        if (!product.isActive()) {
            throw new FieldRuleViolation("productId", "policy.product.inactive", product.getCode());
        }
        Customer holder = visibleCustomer(command.holderId(), "holderId", "policy.holder.unknown", scope);
        long insuredId = command.insuredId() == null ? holder.getId()
                : visibleCustomer(command.insuredId(), "insuredId", "policy.insured.unknown", scope).getId();
        Agent agent = sellingAgent(command.agentId(), holder, scope);
        Policy policy = policies.save(Policy.issue(nextNumber(), holder.getId(), insuredId, product.getId(), premium,
                command.paymentFrequency(), sumInsured, command.startDate(), command.endDate(), command.channel(),
                agent.getId(), agent.getBranchId(), clock.instant()));
        events.publishEvent(new PolicyIssued(policy.getId(), policy.getPolicyNumber().value(), policy.getHolderId(),
                policy.getInsuredId(), policy.getProductId(), policy.getAnnualPremium().amount(), policy.getStartDate(),
                policy.getEndDate(), policy.getChannel(), policy.getAgentId()));
        return policy.getId();
    }

    /**
     * Creates the next term of an active or expired policy, starting the day after it ends and running the
     * product's term. A term is renewed only once. Publishes {@link PolicyRenewed}.
     */
    @Transactional
    @PreAuthorize(WRITERS)
    public long renew(long id, RenewPolicy command, DataScope scope) {
        return renewTerm(find(id, scope), command);
    }

    /**
     * Self-service renewal by the policy's holder (the customer portal), with the premium and sum insured unchanged.
     * Idempotent: a term this holder already renewed answers the existing next term instead of a second one. A policy
     * the customer does not hold is not found, whatever its id.
     */
    @Transactional
    public long renewAsHolder(long id, long holderId) {
        Policy current = policies.findById(id).filter(policy -> policy.getHolderId() == holderId)
                .orElseThrow(() -> PolicyNotFound.withId(id));
        return policies.findByRenewsPolicyId(id).map(Policy::getId)
                .orElseGet(() -> renewTerm(current, RenewPolicy.unchanged()));
    }

    /** The next term of a policy, if it was renewed. */
    @Transactional(readOnly = true)
    public java.util.Optional<Long> renewalOf(long id) {
        return policies.findByRenewsPolicyId(id).map(Policy::getId);
    }

    private long renewTerm(Policy current, RenewPolicy command) {
        long id = current.getId();
        policies.findByRenewsPolicyId(id).ifPresent(renewal -> {
            throw new PolicyTransitionRefused(current.getPolicyNumber().value(), current.getStatus(), PolicyStatus.ACTIVE,
                    "it was already renewed by " + renewal.getPolicyNumber());
        });
        Money premium = command.premium() == null ? current.getPremium()
                : nonNegative(command.premium(), "premium", "policy.premium.negative");
        Money sumInsured = command.sumInsured() == null ? current.getSumInsured()
                : nonNegative(command.sumInsured(), "sumInsured", "policy.sumInsured.negative");
        int termMonths = products.findById(current.getProductId()).map(Product::getTermMonths).orElse(12);
        Policy renewal;
        try {
            renewal = policies.save(current.renewal(nextNumber(), premium, current.getPaymentFrequency(), sumInsured,
                    termMonths, clock.instant()));
        } catch (DuplicateKeyException e) {
            // a concurrent renewal won the race to the unique index policy_renewed_once
            throw new PolicyTransitionRefused(current.getPolicyNumber().value(), current.getStatus(), PolicyStatus.ACTIVE,
                    "it was renewed concurrently");
        }
        events.publishEvent(new PolicyRenewed(renewal.getId(), id, renewal.getPolicyNumber().value(),
                renewal.getHolderId(), renewal.getProductId(), renewal.getAnnualPremium().amount(),
                renewal.getStartDate(), renewal.getEndDate()));
        return renewal.getId();
    }

    /** ACTIVE → LAPSED today. */
    @Transactional
    @PreAuthorize(WRITERS)
    public void lapse(long id, DataScope scope) {
        change(id, scope, (policy, today) -> policy.lapse(today));
    }

    /** ACTIVE → CANCELLED today. */
    @Transactional
    @PreAuthorize(WRITERS)
    public void cancel(long id, DataScope scope) {
        change(id, scope, (policy, today) -> policy.cancel(today));
    }

    /** LAPSED → ACTIVE within the configured reinstatement period. */
    @Transactional
    @PreAuthorize(WRITERS)
    public void reinstate(long id, DataScope scope) {
        change(id, scope, (policy, today) -> policy.reinstate(today, settings.reinstatementPeriod()));
    }

    private void change(long id, DataScope scope, Transition transition) {
        Policy policy = find(id, scope);
        PolicyStatus from = policy.getStatus();
        LocalDate today = LocalDate.now(clock);
        transition.apply(policy, today);
        policies.save(policy);
        events.publishEvent(new PolicyStatusChanged(id, policy.getHolderId(), from, policy.getStatus(), today));
    }

    @FunctionalInterface
    private interface Transition {
        void apply(Policy policy, LocalDate today);
    }

    /**
     * Expires, in one statement, every active policy whose end date is before today (by the injected clock), and
     * publishes {@link PolicyStatusChanged} for each. Runs nightly; returns how many policies expired.
     */
    @Transactional
    public int expireDue() {
        LocalDate today = LocalDate.now(clock);
        List<long[]> expired = jdbc.sql("""
                        update policy
                           set status = 'EXPIRED', version = version + 1
                         where status = 'ACTIVE' and end_date < :today
                        returning id, holder_id
                        """)
                .param("today", today)
                .query((rs, n) -> new long[] {rs.getLong("id"), rs.getLong("holder_id")})
                .list();
        expired.forEach(row -> events.publishEvent(
                new PolicyStatusChanged(row[0], row[1], PolicyStatus.ACTIVE, PolicyStatus.EXPIRED, today)));
        return expired.size();
    }

    /** The policies a customer holds or is insured by, newest first, within the scope. */
    @Transactional(readOnly = true)
    public List<PolicyRow> ofCustomer(long customerId, DataScope scope) {
        return scoped(jdbc.sql(ROW_SELECT + VISIBLE + """
                         where (p.holder_id = :customerId or p.insured_id = :customerId)
                         order by p.start_date desc, p.id desc
                        """), scope)
                .param("customerId", customerId)
                .query(PolicyManagement::row)
                .list();
    }

    /** Every term of the renewal chain the policy belongs to, oldest first, within the scope. */
    @Transactional(readOnly = true)
    public List<PolicyRow> renewalChain(long id, DataScope scope) {
        find(id, scope);
        return scoped(jdbc.sql("""
                with recursive back(id, renews_policy_id) as (
                    select id, renews_policy_id from policy where id = :id
                    union all
                    select p.id, p.renews_policy_id from policy p join back b on p.id = b.renews_policy_id
                ), forward(id) as (
                    select id from policy where id = :id
                    union all
                    select p.id from policy p join forward f on p.renews_policy_id = f.id
                ), chain as (select id from back union select id from forward)
                """ + ROW_SELECT + VISIBLE + """
                 where p.id in (select id from chain)
                 order by p.start_date, p.id
                """), scope)
                .param("id", id)
                .query(PolicyManagement::row)
                .list();
    }

    private static final String ROW_SELECT = """
            select p.id, p.policy_number, p.holder_id, p.insured_id, p.product_id, pr.name_zh, pr.name_en, p.status,
                   p.start_date, p.end_date, p.annual_premium, p.sum_insured, p.renews_policy_id
              from policy p
              join product pr on pr.id = p.product_id
            """;

    private static PolicyRow row(ResultSet rs, int n) throws SQLException {
        return new PolicyRow(rs.getLong("id"), rs.getString("policy_number"), rs.getLong("holder_id"),
                rs.getLong("insured_id"), rs.getLong("product_id"), rs.getString("name_zh"), rs.getString("name_en"),
                PolicyStatus.valueOf(rs.getString("status")), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), rs.getBigDecimal("annual_premium"),
                rs.getBigDecimal("sum_insured"), (Long) rs.getObject("renews_policy_id", Long.class));
    }

    /** A product of the catalogue, for showing a policy. */
    @Transactional(readOnly = true)
    public java.util.Optional<Product> product(long productId) {
        return products.findById(productId);
    }

    /** Active products for the new-policy form. */
    @Transactional(readOnly = true)
    public List<Product> products() {
        return products.findByActiveTrueOrderByCode();
    }

    // ---- rules against the database ----

    private Customer visibleCustomer(long id, String field, String messageKey, DataScope scope) {
        try {
            return customers.find(id, scope);
        } catch (CustomerNotFound e) {
            throw new FieldRuleViolation(field, messageKey, id);
        }
    }

    private Agent sellingAgent(Long requestedAgentId, Customer holder, DataScope scope) {
        long agentId = requestedAgentId != null ? requestedAgentId
                : scope.kind() == DataScope.Kind.OWN_BOOK ? scope.agentId() : holder.getAgentId();
        Agent agent = agents.findById(agentId)
                .orElseThrow(() -> new FieldRuleViolation("agentId", "policy.agent.unknown", agentId));
        if (!scope.permits(agent.getId(), agent.getBranchId())) {
            throw new FieldRuleViolation("agentId", "policy.agent.outOfScope", agentId);
        }
        return agent;
    }

    private static Money nonNegative(BigDecimal amount, String field, String messageKey) {
        if (amount == null || amount.signum() < 0) {
            throw new FieldRuleViolation(field, messageKey, amount);
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new FieldRuleViolation(field, "policy.amount.decimals", amount);
        }
        return new Money(amount);
    }

    private PolicyNumber nextNumber() {
        long sequence = jdbc.sql("select nextval('policy_number_seq')").query(Long.class).single();
        return PolicyNumber.of(LocalDate.now(clock).getYear(), sequence);
    }

    private static JdbcClient.StatementSpec scoped(JdbcClient.StatementSpec spec, DataScope scope) {
        return spec.param("scopeAll", scope.scopeAll())
                .param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch());
    }
}
