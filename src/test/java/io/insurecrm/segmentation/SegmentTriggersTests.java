package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.insurecrm.customer.HouseholdMemberAdded;
import io.insurecrm.customer.Relationship;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.policy.PolicyIssued;
import io.insurecrm.policy.PolicyStatus;
import io.insurecrm.policy.PolicyStatusChanged;
import io.insurecrm.policy.SalesChannel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/**
 * The listener path: the policy and customer modules' events recompute the customer(s) they concern, after commit,
 * through the event publication registry. The rows are committed (the listener runs in its own transaction), and
 * belong to an agent of their own.
 */
@SpringBootTest
@EnableScenarios
class SegmentTriggersTests {

    @Autowired JdbcClient jdbc;
    @Autowired SegmentQueries queries;
    @Autowired Clock clock;
    @Autowired org.springframework.context.MessageSource messages;

    @Test
    void aPolicyIssuedOrLapsedAndANewHouseholdMemberReplaceTheCustomer(Scenario scenario) {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        DataScope mine = DataScope.ownBook(agent);
        long product = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        LocalDate today = LocalDate.now(clock);
        long holder = book.individual("新客户", today.minusYears(30).minusDays(10), true, "33", agent);
        long policy = book.policy(holder, product, "ACTIVE", today.minusDays(1), today.plusYears(1), "150000");

        scenario.publish(new PolicyIssued(policy, book.policyNumber(policy), holder, holder, product,
                        new BigDecimal("150000"), today.minusDays(1), today.plusYears(1), SalesChannel.AGENT, agent))
                .andWaitForStateChange(() -> queries.placementsOn(holder, today, mine), list -> list.size() == Dimension.values().length)
                .andVerify(placements -> assertThat(placements).filteredOn(p -> p.dimension().ordinal() <= 1).extracting(Placement::dimension, Placement::segment, p -> p.reasonIn(messages, java.util.Locale.SIMPLIFIED_CHINESE))
                        .containsExactly(tuple(Dimension.LIFE_STAGE, "NEW_FAMILY", "年龄 30 < 35，已婚，家中无子女"),
                                tuple(Dimension.VALUE, "HIGH", "年缴保费 150,000 ≥ 100,000")));

        jdbc.sql("update policy set status = 'LAPSED', terminated_on = :today where id = :id")
                .param("today", today).param("id", policy).update();
        scenario.publish(new PolicyStatusChanged(policy, holder, PolicyStatus.ACTIVE, PolicyStatus.LAPSED, today))
                .andWaitForStateChange(() -> segment(holder, today, mine, Dimension.VALUE), "POTENTIAL"::equals)
                .andVerify(segment -> assertThat(segment).isEqualTo("POTENTIAL"));

        long child = book.individual("新生儿", today.minusYears(1), false, "33", agent);
        long household = book.household("新家", holder);
        book.member(household, child, "CHILD");
        scenario.publish(new HouseholdMemberAdded(household, child, Relationship.CHILD))
                .andWaitForStateChange(() -> queries.placementsOn(child, today, mine), list -> list.size() == Dimension.values().length)
                .andVerify(placements -> assertThat(reason(holder, today, mine, Dimension.LIFE_STAGE))
                        .isEqualTo("年龄 30，最小子女 1 岁 < 6"));
    }

    private String segment(long customer, LocalDate day, DataScope scope, Dimension dimension) {
        return queries.placementsOn(customer, day, scope).stream().filter(p -> p.dimension() == dimension)
                .map(Placement::segment).findFirst().orElse(null);
    }

    private String reason(long customer, LocalDate day, DataScope scope, Dimension dimension) {
        List<Placement> placements = queries.placementsOn(customer, day, scope);
        return placements.stream().filter(p -> p.dimension() == dimension).map(p -> p.reasonIn(messages, java.util.Locale.SIMPLIFIED_CHINESE)).findFirst().orElse(null);
    }
}
