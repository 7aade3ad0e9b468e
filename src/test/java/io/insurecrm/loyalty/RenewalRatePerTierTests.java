package io.insurecrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's renewal rate groups a policy by the tier its holder held when it came up for renewal (30 days before
 * the end, from the tier history), not by his tier today; a policy older than the history counts under today's tier.
 */
@SpringBootTest
class RenewalRatePerTierTests {

    @Autowired JdbcClient jdbc;
    @Autowired ProgrammeQueries queries;
    @Autowired Clock clock;

    @Test
    void theRenewalRateUsesTheTierHeldWhenThePolicyCameUpForRenewal() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long home = book.product("安居家财险", "Home", "HOME_PROPERTY", null);
        LocalDate today = LocalDate.now(clock);

        // Silver when his policy came up for renewal, Gold since ten days ago: counts as Silver
        long upgraded = member(book, agent, "GOLD");
        change(upgraded, "NONE", "SILVER", today.minusDays(400));
        change(upgraded, "SILVER", "GOLD", today.minusDays(10));
        book.policy(upgraded, home, "EXPIRED", today.minusDays(100).minusYears(1), today.minusDays(100), "500");

        // Silver throughout, renewed
        long silver = member(book, agent, "SILVER");
        change(silver, "NONE", "SILVER", today.minusDays(400));
        long ended = book.policy(silver, home, "EXPIRED", today.minusDays(50).minusYears(1), today.minusDays(50), "400");
        book.policy(silver, silver, home, "ACTIVE", today.minusDays(49), today.minusDays(49).plusYears(1), "400", ended);

        // the programme reached him only five days ago: his policy counts under today's tier, Gold
        long launched = member(book, agent, "GOLD");
        change(launched, "NONE", "GOLD", today.minusDays(5));
        book.policy(launched, home, "EXPIRED", today.minusDays(60).minusYears(1), today.minusDays(60), "900");

        ProgrammeFigures figures = queries.figures(DataScope.ownBook(agent));

        assertThat(figures.renewal()).extracting(ProgrammeFigures.TierRate::tier, ProgrammeFigures.TierRate::ended,
                        ProgrammeFigures.TierRate::renewed, ProgrammeFigures.TierRate::rate, ProgrammeFigures.TierRate::byCurrentTier)
                .containsExactly(tuple(Tier.SILVER, 2L, 1L, new BigDecimal("0.5000"), 0L),
                        tuple(Tier.GOLD, 1L, 0L, new BigDecimal("0.0000"), 1L));
    }

    private long member(BookFixtures book, long agent, String tier) {
        long customer = book.individual("会员" + BookFixtures.next(), agent);
        jdbc.sql("""
                        insert into loyalty_member (customer_id, tier, qualified_tier, rule_set_id, reason, reason_en, insured_years,
                                                    annual_premium, points, tier_since, updated_on)
                        select :c, :tier, :tier, id, '测试', 'test', 1, 0, 0, current_date, current_date
                          from loyalty_rule_set where active""")
                .param("c", customer).param("tier", tier).update();
        return customer;
    }

    private void change(long customer, String from, String to, LocalDate on) {
        jdbc.sql("""
                        insert into loyalty_tier_change (customer_id, from_tier, to_tier, cause, reason, reason_en, changed_on,
                                                         changed_at, changed_by)
                        values (:c, :from, :to, 'EVALUATION', '测试', 'test', :on, now(), 'system')""")
                .param("c", customer).param("from", from).param("to", to).param("on", on).update();
    }
}
