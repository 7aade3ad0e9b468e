package io.insurecrm.policy;

import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.organisation.Agent;
import io.insurecrm.organisation.Agents;
import io.insurecrm.organisation.Branches;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.product.Product;
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

/** The policy module on its own with the modules it depends on: what it publishes. */
// privacy: the customer module's pages record exports in its audit trail
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"platform", "privacy"})
@WithMockUser(roles = "AGENT")
class PolicyModuleTests {

    @Autowired PolicyManagement policies;
    @Autowired Branches branches;
    @Autowired Agents agents;
    @Autowired Products products;
    @Autowired CustomerManagement customers;
    @Autowired Clock clock;

    @Test
    void issuingAPolicyPublishesPolicyIssued(Scenario scenario) {
        PolicyFixtures fixtures = new PolicyFixtures(branches, agents, products, customers, policies);
        Agent agent = fixtures.anAgent();
        Product product = fixtures.aProduct();
        long holder = fixtures.aCustomerOf(agent);
        LocalDate today = LocalDate.now(clock);

        scenario.stimulate(() -> policies.issue(new IssuePolicy(holder, null, product.getId(), new BigDecimal("250"),
                        PaymentFrequency.QUARTERLY, new BigDecimal("100000"), today, today.plusYears(1).minusDays(1),
                        SalesChannel.AGENT, null), DataScope.ownBook(agent.getId())))
                .andWaitForEventOfType(PolicyIssued.class)
                .matching(event -> event.holderId() == holder)
                .toArriveAndVerify((event, id) -> {
                    assertThat(event.policyId()).isEqualTo(id);
                    assertThat(event.annualPremium()).isEqualByComparingTo("1000");
                    assertThat(event.agentId()).isEqualTo(agent.getId());
                    assertThat(event.productId()).isEqualTo(product.getId());
                });
    }

    @Test
    void lapsingAPolicyPublishesPolicyStatusChanged(Scenario scenario) {
        PolicyFixtures fixtures = new PolicyFixtures(branches, agents, products, customers, policies);
        Agent agent = fixtures.anAgent();
        long holder = fixtures.aCustomerOf(agent);
        LocalDate today = LocalDate.now(clock);
        long id = fixtures.aPolicyFor(holder, fixtures.aProduct(), today.minusMonths(1), today.plusMonths(11));

        scenario.stimulate(() -> policies.lapse(id, DataScope.ownBook(agent.getId())))
                .andWaitForEventOfType(PolicyStatusChanged.class)
                .matching(event -> event.policyId() == id)
                .toArriveAndVerify(event -> assertThat(event).isEqualTo(
                        new PolicyStatusChanged(id, holder, PolicyStatus.ACTIVE, PolicyStatus.LAPSED, today)));
    }
}
