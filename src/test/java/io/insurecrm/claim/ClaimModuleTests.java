package io.insurecrm.claim;

import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.organisation.Agent;
import io.insurecrm.organisation.Agents;
import io.insurecrm.organisation.Branches;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.policy.PolicyFixtures;
import io.insurecrm.policy.PolicyManagement;
import io.insurecrm.product.Products;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim module with everything it depends on: what a claim step publishes. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "platform")
@WithMockUser(roles = "BRANCH_MANAGER")
class ClaimModuleTests {

    @Autowired ClaimManagement claims;
    @Autowired PolicyManagement policies;
    @Autowired Branches branches;
    @Autowired Agents agents;
    @Autowired Products products;
    @Autowired CustomerManagement customers;
    @Autowired Clock clock;

    @Test
    void aClaimStepPublishesClaimStatusChanged(Scenario scenario) {
        PolicyFixtures fixtures = new PolicyFixtures(branches, agents, products, customers, policies);
        Agent agent = fixtures.anAgent();
        long holder = fixtures.aCustomerOf(agent);
        LocalDate today = LocalDate.now(clock);
        long policy = fixtures.aPolicyFor(holder, fixtures.aProduct(), today.minusMonths(1), today.plusMonths(11));
        DataScope scope = DataScope.branch(agent.getBranchId());
        long claim = claims.report(new ReportClaim(policy, null, today, today, new BigDecimal("500"), null), scope);

        scenario.stimulate(() -> claims.assess(claim, ClaimStep.withoutNote(), scope))
                .andWaitForEventOfType(ClaimStatusChanged.class)
                .matching(event -> event.claimId() == claim && event.to() == ClaimStatus.ASSESSING)
                .toArriveAndVerify(event -> assertThat(event).isEqualTo(
                        new ClaimStatusChanged(claim, holder, policy, ClaimStatus.REPORTED, ClaimStatus.ASSESSING)));
    }

    @Test
    void rejectingAClaimSettlesIt(Scenario scenario) {
        PolicyFixtures fixtures = new PolicyFixtures(branches, agents, products, customers, policies);
        Agent agent = fixtures.anAgent();
        long holder = fixtures.aCustomerOf(agent);
        LocalDate today = LocalDate.now(clock);
        long policy = fixtures.aPolicyFor(holder, fixtures.aProduct(), today.minusMonths(1), today.plusMonths(11));
        DataScope scope = DataScope.branch(agent.getBranchId());
        long claim = claims.report(new ReportClaim(policy, null, today, today, new BigDecimal("500"), null), scope);

        scenario.stimulate(() -> claims.reject(claim, new RejectClaim("免责条款"), scope))
                .andWaitForEventOfType(ClaimSettled.class)
                .matching(event -> event.claimId() == claim)
                .toArriveAndVerify(event -> assertThat(event).isEqualTo(
                        new ClaimSettled(claim, holder, policy, ClaimStatus.REJECTED, null, today)));
    }
}
