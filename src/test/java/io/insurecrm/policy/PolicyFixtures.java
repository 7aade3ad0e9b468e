package io.insurecrm.policy;

import io.insurecrm.customer.ChineseIdNumber;
import io.insurecrm.customer.CustomerForm;
import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.organisation.Agent;
import io.insurecrm.organisation.AgentKind;
import io.insurecrm.organisation.Agents;
import io.insurecrm.organisation.Branch;
import io.insurecrm.organisation.Branches;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.product.Product;
import io.insurecrm.product.ProductLine;
import io.insurecrm.product.Products;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test data for policies and claims on a database shared by every test class: each call makes its own branch,
 * agent, product or customer with a unique code or ID number, so no test depends on rows another one made.
 */
public final class PolicyFixtures {

    private static final AtomicInteger counter = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    private final Branches branches;
    private final Agents agents;
    private final Products products;
    private final CustomerManagement customers;
    private final PolicyManagement policies;

    public PolicyFixtures(Branches branches, Agents agents, Products products, CustomerManagement customers,
                          PolicyManagement policies) {
        this.branches = branches;
        this.agents = agents;
        this.products = products;
        this.customers = customers;
        this.policies = policies;
    }

    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + counter.incrementAndGet();
    }

    public Branch aBranch() {
        return branches.save(Branch.open(unique("BR"), "测试分公司", "11", "北京"));
    }

    public Agent anAgent() {
        return anAgentIn(aBranch());
    }

    public Agent anAgentIn(Branch branch) {
        return agents.save(Agent.hire(unique("AG"), "测试代理人", AgentKind.AGENT, branch.getId(), null));
    }

    public Product aProduct() {
        return products.save(Product.define(unique("PR"), "测试医疗险", "Test medical", ProductLine.MEDICAL,
                ProductLine.MEDICAL.typicalLayer(), 12));
    }

    /** An individual customer of the agent with a fresh, valid resident ID number. */
    public long aCustomerOf(Agent agent) {
        CustomerForm form = new CustomerForm();
        form.setKind(CustomerKind.INDIVIDUAL);
        form.setName("测试客户");
        form.setIdNumber(aUniqueIdNumber());
        form.setRegionCode("11");
        form.setCity("北京");
        form.setAgentId(agent.getId());
        return customers.register(form, DataScope.all());
    }

    /** An active annual policy of 1,000 CNY a year for the holder, from {@code start} to {@code end}. */
    public long aPolicyFor(long holderId, Product product, LocalDate start, LocalDate end) {
        return policies.issue(anIssue(holderId, product.getId(), start, end), DataScope.all());
    }

    public static IssuePolicy anIssue(long holderId, long productId, LocalDate start, LocalDate end) {
        return new IssuePolicy(holderId, null, productId, new BigDecimal("1000.00"), PaymentFrequency.ANNUAL,
                new BigDecimal("300000.00"), start, end, SalesChannel.AGENT, null);
    }

    static String aUniqueIdNumber() {
        int n = ThreadLocalRandom.current().nextInt(20_000 * 999);
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(n % 20_000);
        String first17 = "110101" + birth.toString().replace("-", "") + "%03d".formatted(1 + n / 20_000);
        return first17 + ChineseIdNumber.checkCharacter(first17);
    }
}
