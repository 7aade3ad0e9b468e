package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.loyalty.Outbox;
import io.insurecrm.loyalty.Tier;
import io.insurecrm.loyalty.TierChanged;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The loyalty module's outbox and tier upgrades reach the customer through this module's outbox and triggers. */
@SpringBootTest
class LoyaltyWiringTests {

    @Autowired JdbcClient jdbc;
    @Autowired LoyaltyOutboxDrain drain;
    @Autowired EventTriggers eventTriggers;
    @Autowired EngagementTriggers triggers;

    long customer;

    @BeforeEach
    void customer() {
        BookFixtures book = new BookFixtures(jdbc);
        customer = book.individual("王五", LocalDate.of(1975, 3, 2), true, "44", book.agent(book.branch("44"), "赵顾问"));
    }

    @Test
    void aLoyaltyUpgradeSmsIsQueuedOnceAsAServiceMessageAndMarkedSent() {
        long id = jdbc.sql("""
                        insert into loyalty_outbox (customer_id, channel, template_key, variables, created_at)
                        values (:c, 'SMS', :key, cast(:vars as jsonb), :now) returning id""")
                .param("c", customer).param("key", Outbox.TIER_UPGRADED)
                .param("vars", "{\"tier\":\"GOLD\",\"from\":\"SILVER\",\"benefits\":[{\"code\":\"LEAK\",\"nameZh\":\"免费漏水检测\",\"nameEn\":\"Free leak inspection\"}]}")
                .param("now", OffsetDateTime.now()).query(Long.class).single();

        assertThat(drain.drain()).isGreaterThanOrEqualTo(1);
        assertThat(drain.drain()).isZero();

        assertThat(jdbc.sql("select purpose || '|' || channel || '|' || body from engagement_message where idempotency_key = :k")
                .param("k", "loyalty-outbox:" + id).query(String.class).list())
                .singleElement().asString().startsWith("SERVICE|SMS|").contains("黄金会员", "免费漏水检测");
        assertThat(jdbc.sql("select sent_at is not null from loyalty_outbox where id = :id").param("id", id)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void anEnabledTierChangedTriggerOpensTheAgentsTaskOncePerUpgrade() throws InterruptedException {
        triggers.save(new TriggerChange("TIER_THANKS_" + customer, Anchor.TIER_CHANGED, 0, null, true,
                TaskKind.FOLLOW_UP, 3, null, null, MessagePurpose.SERVICE, true), "admin");
        TierChanged upgrade = new TierChanged(customer, Tier.SILVER, Tier.GOLD, "EVALUATION", 1, "续保年数 5", LocalDate.now());
        // the listener runs asynchronously (an application module listener): the same upgrade twice at once, and a downgrade
        eventTriggers.on(upgrade);
        eventTriggers.on(upgrade);
        eventTriggers.on(new TierChanged(customer, Tier.GOLD, Tier.SILVER, "EVALUATION", 1, "降级", LocalDate.now()));

        long deadline = System.currentTimeMillis() + 15_000;
        while (followUps() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000);
        assertThat(followUps()).isEqualTo(1);
        assertThat(jdbc.sql("select reason from engagement_task where customer_id = :c and kind = 'FOLLOW_UP'")
                .param("c", customer).query(String.class).single()).contains("SILVER → GOLD");
    }

    private int followUps() {
        return jdbc.sql("select count(*) from engagement_task where customer_id = :c and kind = 'FOLLOW_UP'")
                .param("c", customer).query(Integer.class).single();
    }
}
