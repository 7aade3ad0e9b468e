package io.insurecrm.claim;

import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.organisation.Agent;
import io.insurecrm.organisation.Agents;
import io.insurecrm.organisation.Branches;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import io.insurecrm.policy.PolicyFixtures;
import io.insurecrm.policy.PolicyManagement;
import io.insurecrm.product.Product;
import io.insurecrm.product.Products;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
@WithMockUser(roles = "BRANCH_MANAGER")
class ClaimManagementIntegrationTests {

    @Autowired ClaimManagement claims;
    @Autowired PolicyManagement policies;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired Branches branches;
    @Autowired Agents agents;
    @Autowired Products products;
    @Autowired CustomerManagement customers;

    PolicyFixtures fixtures;
    Agent agent;
    long holder;
    long policy;
    LocalDate today;
    DataScope branch;

    @BeforeEach
    void setUp() {
        fixtures = new PolicyFixtures(branches, agents, products, customers, policies);
        agent = fixtures.anAgent();
        Product product = fixtures.aProduct();
        holder = fixtures.aCustomerOf(agent);
        today = LocalDate.now(clock);
        policy = fixtures.aPolicyFor(holder, product, today.minusMonths(6), today.plusMonths(6));
        branch = DataScope.branch(agent.getBranchId());
    }

    ReportClaim aReport(LocalDate incident, LocalDate reported, String amount) {
        return new ReportClaim(policy, null, incident, reported, new BigDecimal(amount), "水管爆裂");
    }

    @Test
    void aClaimGoesFromReportToPaymentWithItsHistoryStored() {
        long id = claims.report(aReport(today.minusDays(3), today.minusDays(1), "8000"), branch);
        claims.assess(id, new ClaimStep("查勘"), branch);
        claims.approve(id, ClaimStep.withoutNote(), branch);
        claims.pay(id, new PayClaim(new BigDecimal("7500.00"), "已转账"), branch);

        Claim claim = claims.find(id, branch);
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.PAID);
        assertThat(claim.getCustomerId()).as("the insured by default").isEqualTo(holder);
        assertThat(claim.getSettledOn()).isEqualTo(today);
        assertThat(claim.getHistory()).extracting(ClaimStatusChange::status, ClaimStatusChange::note).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ClaimStatus.REPORTED, "水管爆裂"),
                org.assertj.core.groups.Tuple.tuple(ClaimStatus.ASSESSING, "查勘"),
                org.assertj.core.groups.Tuple.tuple(ClaimStatus.APPROVED, null),
                org.assertj.core.groups.Tuple.tuple(ClaimStatus.PAID, "已转账"));
        assertThat(jdbc.sql("select seq, status from claim_status_change where claim_id = :id order by seq")
                .param("id", id).query((rs, n) -> rs.getInt(1) + ":" + rs.getString(2)).list())
                .containsExactly("0:REPORTED", "1:ASSESSING", "2:APPROVED", "3:PAID");
        assertThat(jdbc.sql("select amount_paid from claim where id = :id").param("id", id).query(BigDecimal.class).single())
                .isEqualTo(new BigDecimal("7500.00"));
    }

    @Test
    void reportRulesAreReportedOnTheirFieldsAndWriteNothing() {
        assertField(() -> claims.report(aReport(today.minusMonths(7), today, "100"), branch), "incidentDate");
        assertField(() -> claims.report(aReport(today.plusMonths(7), today.plusMonths(7), "100"), branch), "incidentDate");
        assertField(() -> claims.report(aReport(today.minusDays(2), today.minusDays(3), "100"), branch), "reportedOn");
        assertField(() -> claims.report(aReport(today.minusDays(2), today.plusDays(1), "100"), branch), "reportedOn");
        assertField(() -> claims.report(aReport(today.minusDays(2), today, "-1"), branch), "amountClaimed");
        assertField(() -> claims.report(new ReportClaim(-1L, null, today, today, BigDecimal.TEN, null), branch), "policyId");
        assertField(() -> claims.report(aReport(today, today, "100"), DataScope.ownBook(fixtures.anAgent().getId())), "policyId");
        long stranger = fixtures.aCustomerOf(agent);
        assertField(() -> claims.report(new ReportClaim(policy, stranger, today, today, BigDecimal.TEN, null), branch), "claimantId");

        assertThat(jdbc.sql("select count(*) from claim where policy_id = :policy").param("policy", policy)
                .query(Long.class).single()).isZero();
    }

    @Test
    void paysNoMoreThanClaimedAndRejectsOnlyBeforeApproval() {
        long id = claims.report(aReport(today, today, "1000"), branch);
        claims.assess(id, ClaimStep.withoutNote(), branch);
        claims.approve(id, ClaimStep.withoutNote(), branch);

        assertField(() -> claims.pay(id, new PayClaim(new BigDecimal("1000.01"), null), branch), "amountPaid");
        assertThatThrownBy(() -> claims.reject(id, new RejectClaim("太晚"), branch))
                .isInstanceOf(IllegalStateTransitionException.class);
        assertThat(claims.find(id, branch).getStatus()).isEqualTo(ClaimStatus.APPROVED);

        long other = claims.report(aReport(today, today, "50"), branch);
        claims.reject(other, new RejectClaim("不在保障范围"), branch);
        assertThat(claims.find(other, branch)).extracting(Claim::getStatus, Claim::getSettledOn)
                .containsExactly(ClaimStatus.REJECTED, today);
    }

    @Test
    void claimsAreSeenWithinTheScopeOfThePolicyHolder() {
        long id = claims.report(aReport(today, today, "10"), branch);
        DataScope stranger = DataScope.ownBook(fixtures.anAgent().getId());

        assertThatThrownBy(() -> claims.find(id, stranger)).isInstanceOf(ClaimNotFound.class);
        assertThat(claims.ofCustomer(holder, stranger)).isEmpty();
        assertThat(claims.ofCustomer(holder, DataScope.ownBook(agent.getId()))).extracting(ClaimRow::id).containsExactly(id);
        assertThat(claims.onPolicy(policy, branch)).extracting(ClaimRow::id, ClaimRow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, ClaimStatus.REPORTED));
    }

    @Test
    @WithMockUser(roles = "AGENT")
    void agentsReportButDoNotHandleClaims() {
        long id = claims.report(aReport(today, today, "10"), DataScope.ownBook(agent.getId()));
        assertThatThrownBy(() -> claims.assess(id, ClaimStep.withoutNote(), DataScope.ownBook(agent.getId())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(List.of(claims.find(id, DataScope.ownBook(agent.getId())).getStatus())).containsExactly(ClaimStatus.REPORTED);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).asInstanceOf(type(FieldRuleViolation.class))
                .extracting(FieldRuleViolation::field).isEqualTo(field);
    }
}
