package io.insurecrm.policy;

import io.insurecrm.organisation.Agent;
import io.insurecrm.organisation.Agents;
import io.insurecrm.organisation.Branches;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import io.insurecrm.product.Product;
import io.insurecrm.product.Products;
import io.insurecrm.customer.CustomerManagement;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

@SpringBootTest
@WithMockUser(roles = "ADMIN")
class PolicyManagementIntegrationTests {

    @Autowired PolicyManagement policies;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired Branches branches;
    @Autowired Agents agents;
    @Autowired Products products;
    @Autowired CustomerManagement customers;

    PolicyFixtures fixtures;
    Agent agent;
    Product product;
    long holder;
    LocalDate today;

    @BeforeEach
    void setUp() {
        fixtures = new PolicyFixtures(branches, agents, products, customers, policies);
        agent = fixtures.anAgent();
        product = fixtures.aProduct();
        holder = fixtures.aCustomerOf(agent);
        today = LocalDate.now(clock);
    }

    @Test
    void issuesAnActivePolicyWithTheAnnualPremiumAndTheAgentsBranch() {
        long id = policies.issue(new IssuePolicy(holder, null, product.getId(), new BigDecimal("100.00"),
                PaymentFrequency.MONTHLY, new BigDecimal("500000"), today, today.plusYears(1).minusDays(1),
                SalesChannel.ONLINE, agent.getId()), DataScope.all());

        Map<String, Object> row = jdbc.sql("""
                select holder_id, insured_id, product_id, premium, payment_frequency, annual_premium, sum_insured,
                       status, terminated_on, channel, agent_id, branch_id, policy_number
                  from policy where id = :id""").param("id", id).query().singleRow();
        assertThat(row).containsEntry("holder_id", holder).containsEntry("insured_id", holder)
                .containsEntry("product_id", product.getId())
                .containsEntry("premium", new BigDecimal("100.00")).containsEntry("payment_frequency", "MONTHLY")
                .containsEntry("annual_premium", new BigDecimal("1200.00")).containsEntry("status", "ACTIVE")
                .containsEntry("terminated_on", null).containsEntry("channel", "ONLINE")
                .containsEntry("agent_id", agent.getId()).containsEntry("branch_id", agent.getBranchId());
        assertThat((String) row.get("policy_number")).matches("PL" + today.getYear() + "\\d{10}");
    }

    @Test
    void rejectsEachBrokenRuleOnItsFieldAndWritesNothing() {
        LocalDate end = today.plusYears(1);
        Agent otherAgent = fixtures.anAgent();
        long strangersCustomer = fixtures.aCustomerOf(otherAgent);
        DataScope ownBook = DataScope.ownBook(agent.getId());

        assertField(() -> policies.issue(PolicyFixtures.anIssue(holder, -1L, today, end), ownBook), "productId");
        assertField(() -> policies.issue(PolicyFixtures.anIssue(holder, product.getId(), today, today), ownBook), "endDate");
        assertField(() -> policies.issue(PolicyFixtures.anIssue(holder, product.getId(), today, today.minusDays(1)), ownBook), "endDate");
        assertField(() -> policies.issue(PolicyFixtures.anIssue(strangersCustomer, product.getId(), today, end), ownBook), "holderId");
        assertField(() -> policies.issue(PolicyFixtures.anIssue(-5L, product.getId(), today, end), ownBook), "holderId");
        assertField(() -> policies.issue(new IssuePolicy(holder, strangersCustomer, product.getId(), BigDecimal.ONE,
                PaymentFrequency.ANNUAL, BigDecimal.ONE, today, end, SalesChannel.AGENT, null), ownBook), "insuredId");
        assertField(() -> policies.issue(new IssuePolicy(holder, null, product.getId(), new BigDecimal("-1"),
                PaymentFrequency.ANNUAL, BigDecimal.ONE, today, end, SalesChannel.AGENT, null), ownBook), "premium");
        assertField(() -> policies.issue(new IssuePolicy(holder, null, product.getId(), BigDecimal.ONE,
                PaymentFrequency.ANNUAL, new BigDecimal("-0.01"), today, end, SalesChannel.AGENT, null), ownBook), "sumInsured");
        assertField(() -> policies.issue(new IssuePolicy(holder, null, product.getId(), new BigDecimal("1.001"),
                PaymentFrequency.ANNUAL, BigDecimal.ONE, today, end, SalesChannel.AGENT, null), ownBook), "premium");
        assertField(() -> policies.issue(new IssuePolicy(holder, null, product.getId(), BigDecimal.ONE,
                PaymentFrequency.ANNUAL, BigDecimal.ONE, today, end, SalesChannel.AGENT, otherAgent.getId()), ownBook), "agentId");

        assertThat(jdbc.sql("select count(*) from policy where holder_id in (:ids) or insured_id in (:ids)")
                .param("ids", List.of(holder, strangersCustomer)).query(Long.class).single()).isZero();
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).asInstanceOf(type(FieldRuleViolation.class))
                .extracting(FieldRuleViolation::field).isEqualTo(field);
    }

    @Test
    void anAgentDoesNotSeeAnotherAgentsCustomersPolicyButTheirBranchManagerDoes() {
        long id = fixtures.aPolicyFor(holder, product, today, today.plusYears(1));
        Agent colleague = fixtures.anAgentIn(branches.findById(agent.getBranchId()).orElseThrow());

        assertThatThrownBy(() -> policies.find(id, DataScope.ownBook(colleague.getId()))).isInstanceOf(PolicyNotFound.class);
        assertThat(policies.ofCustomer(holder, DataScope.ownBook(colleague.getId()))).isEmpty();
        assertThatThrownBy(() -> policies.lapse(id, DataScope.ownBook(colleague.getId()))).isInstanceOf(PolicyNotFound.class);

        assertThat(policies.find(id, DataScope.ownBook(agent.getId())).getId()).isEqualTo(id);
        assertThat(policies.find(id, DataScope.branch(agent.getBranchId())).getId()).isEqualTo(id);
        assertThat(policies.ofCustomer(holder, DataScope.branch(agent.getBranchId()))).extracting(PolicyRow::id).containsExactly(id);
        assertThat(jdbc.sql("select status from policy where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("ACTIVE");
    }

    @Test
    void renewsATermOnceIntoTheNextStartingTheDayAfter() {
        LocalDate end = today.plusMonths(1);
        long first = fixtures.aPolicyFor(holder, product, end.minusYears(1).plusDays(1), end);

        long second = policies.renew(first, new RenewPolicy(new BigDecimal("1100"), null), DataScope.all());

        Policy renewal = policies.find(second, DataScope.all());
        assertThat(renewal.getStartDate()).isEqualTo(end.plusDays(1));
        assertThat(renewal.getEndDate()).isEqualTo(end.plusDays(1).plusMonths(12).minusDays(1));
        assertThat(renewal.getRenewsPolicyId()).isEqualTo(first);
        assertThat(renewal.getAnnualPremium()).isEqualTo(Money.of("1100"));
        assertThat(renewal.getSumInsured()).isEqualTo(Money.of("300000"));
        assertThat(policies.find(first, DataScope.all()).getStatus()).isEqualTo(PolicyStatus.ACTIVE);

        assertThatThrownBy(() -> policies.renew(first, RenewPolicy.unchanged(), DataScope.all()))
                .isInstanceOf(IllegalStateTransitionException.class).hasMessageContaining("already renewed");

        long third = policies.renew(second, RenewPolicy.unchanged(), DataScope.all());
        assertThat(policies.renewalChain(second, DataScope.all())).extracting(PolicyRow::id).containsExactly(first, second, third);
        assertThat(policies.renewalChain(first, DataScope.all())).extracting(PolicyRow::id).containsExactly(first, second, third);
    }

    @Test
    void lapsesAndReinstatesAndCancels() {
        long id = fixtures.aPolicyFor(holder, product, today.minusMonths(2), today.plusMonths(10));

        policies.lapse(id, DataScope.all());
        assertThat(statusAndTermination(id)).containsExactly("LAPSED", today);
        assertThatThrownBy(() -> policies.renew(id, RenewPolicy.unchanged(), DataScope.all()))
                .isInstanceOf(IllegalStateTransitionException.class);

        policies.reinstate(id, DataScope.all());
        assertThat(statusAndTermination(id)).containsExactly("ACTIVE", null);

        policies.cancel(id, DataScope.all());
        assertThat(statusAndTermination(id)).containsExactly("CANCELLED", today);
        assertThatThrownBy(() -> policies.reinstate(id, DataScope.all())).isInstanceOf(IllegalStateTransitionException.class);
    }

    private List<Object> statusAndTermination(long id) {
        return jdbc.sql("select status, terminated_on from policy where id = :id").param("id", id)
                .query((rs, n) -> java.util.Arrays.<Object>asList(rs.getString(1), rs.getObject(2, LocalDate.class))).single();
    }

    @Test
    void expireDueExpiresExactlyTheActivePoliciesThatEndedBeforeToday() {
        long endedYesterday = fixtures.aPolicyFor(holder, product, today.minusYears(1), today.minusDays(1));
        long endedLongAgo = fixtures.aPolicyFor(holder, product, today.minusYears(3), today.minusYears(2));
        long endsToday = fixtures.aPolicyFor(holder, product, today.minusYears(1).plusDays(1), today);
        long lapsedAndEnded = fixtures.aPolicyFor(holder, product, today.minusYears(1), today.minusDays(1));
        policies.lapse(lapsedAndEnded, DataScope.all());
        long due = jdbc.sql("select count(*) from policy where status = 'ACTIVE' and end_date < :today")
                .param("today", today).query(Long.class).single();

        int expired = policies.expireDue();

        assertThat(expired).isEqualTo(due);
        assertThat(jdbc.sql("select id, status from policy where holder_id = :holder order by id")
                .param("holder", holder).query((rs, n) -> rs.getLong(1) + ":" + rs.getString(2)).list())
                .containsExactly(endedYesterday + ":EXPIRED", endedLongAgo + ":EXPIRED", endsToday + ":ACTIVE",
                        lapsedAndEnded + ":LAPSED");
        assertThat(jdbc.sql("select count(*) from policy where status = 'ACTIVE' and end_date < :today")
                .param("today", today).query(Long.class).single()).isZero();
        assertThat(policies.find(endedYesterday, DataScope.all()).getVersion()).isEqualTo(1);
    }

    @Test
    @WithMockUser(roles = "ANALYST")
    void analystsOnlyRead() {
        assertThatThrownBy(() -> policies.issue(PolicyFixtures.anIssue(holder, product.getId(), today, today.plusYears(1)),
                DataScope.all())).isInstanceOf(AccessDeniedException.class);
    }
}
