package io.insurecrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.interaction.InteractionChannel;
import io.insurecrm.interaction.InteractionRecorded;
import io.insurecrm.interaction.InteractionType;
import io.insurecrm.policy.PolicyIssued;
import io.insurecrm.policy.PolicyStatus;
import io.insurecrm.policy.PolicyStatusChanged;
import io.insurecrm.policy.SalesChannel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/**
 * The listener path: a home policy issued makes its holder a member at once (SMS queued, TierChanged published), a
 * cancellation makes him a former member, and a survey answered earns a member points once. Committed rows of an
 * agent of their own.
 */
@SpringBootTest
@EnableScenarios
class LoyaltyTriggersTests {

    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void policyEventsEvaluateTheHolderAndASurveyEarnsPoints(Scenario scenario) {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long home = book.product("安居家财险", "Home", "HOME_PROPERTY", null);
        LocalDate today = LocalDate.now(clock);
        long holder = book.individual("新会员", agent);
        long policy = book.policy(holder, home, "ACTIVE", today, today.plusYears(1).minusDays(1), "900");

        scenario.publish(new PolicyIssued(policy, book.policyNumber(policy), holder, holder, home, new BigDecimal("900"),
                        today, today.plusYears(1).minusDays(1), SalesChannel.AGENT, agent))
                .andWaitForEventOfType(TierChanged.class).matching(e -> e.customerId() == holder)
                .toArriveAndVerify(e -> {
                    assertThat(e.from()).isEqualTo(Tier.NONE);
                    assertThat(e.to()).isEqualTo(Tier.GOLD);
                    assertThat(e.upgrade()).isTrue();
                });
        // the event is seen when it is published, inside the evaluation's transaction: its outbox row is visible once
        // that commits
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                        "select count(*) from loyalty_outbox where customer_id = :c and template_key = 'loyalty.tier-upgraded'")
                .param("c", holder).query(Integer.class).single()).isEqualTo(1));

        scenario.publish(new InteractionRecorded(BookFixtures.next(), holder, InteractionType.SURVEY, InteractionChannel.APP,
                        clock.instant(), 9, null, agent))
                .andWaitForStateChange(() -> jdbc.sql("select coalesce(sum(points), 0) from loyalty_points_entry where customer_id = :c")
                        .param("c", holder).query(Integer.class).single(), points -> points > 0)
                .andVerify(points -> assertThat(points).isEqualTo(50));

        jdbc.sql("update policy set status = 'CANCELLED', terminated_on = :today where id = :id")
                .param("today", today).param("id", policy).update();
        scenario.publish(new PolicyStatusChanged(policy, holder, PolicyStatus.ACTIVE, PolicyStatus.CANCELLED, today))
                .andWaitForStateChange(() -> jdbc.sql("select qualified_tier from loyalty_member where customer_id = :c")
                        .param("c", holder).query(String.class).single(), "NONE"::equals)
                .andVerify(tier -> assertThat(tier).isEqualTo("NONE"));
    }
}
