package io.insurecrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.loyalty.RedemptionRefused.Reason;
import io.insurecrm.loyalty.Redemptions.Channel;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Redemption on committed rows (the concurrency test needs them): a Silver member (premium 400) and a Basic member
 * of a fresh agent, and a benefit of this test's own with quota 3 a year for Silver and up. Refusals change nothing.
 */
@SpringBootTest
class RedemptionTests {

    @Autowired JdbcClient jdbc;
    @Autowired Redemptions redemptions;
    @Autowired LoyaltyEvaluation evaluation;
    @Autowired Clock clock;

    long silver, basic;
    String benefit;

    @BeforeEach
    void members() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long home = book.product("安居家财险", "Home", "HOME_PROPERTY", null);
        LocalDate today = LocalDate.now(clock);
        silver = book.individual("白银", agent);
        book.policy(silver, home, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "400");
        basic = book.individual("基础", agent);
        book.policy(basic, home, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "100");
        evaluation.evaluate(List.of(silver, basic), today);
        benefit = "TEST_" + BookFixtures.next();
        jdbc.sql("""
                insert into loyalty_benefit (code, category, name_zh, name_en, tiers, quota, period)
                values (:code, 'LIVING', '测试权益', 'Test benefit', '{SILVER,GOLD,DIAMOND}', 3, 'YEAR')""")
                .param("code", benefit).update();
    }

    @Test
    void aRedemptionUsesTheQuotaAndIsRecorded() {
        Redemptions.Redemption r = redemptions.redeem(silver, benefit, "req-" + BookFixtures.next(), Channel.STAFF, "agent7", "上门检测");

        assertThat(r.tier()).isEqualTo(Tier.SILVER);
        assertThat(r.remaining()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from loyalty_redemption where customer_id = :c and benefit_code = :b and redeemed_by = 'agent7'")
                .param("c", silver).param("b", benefit).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aboveQuotaOutsideTheTierAfterExpiryOrTwiceWithOneRequestIdIsRefusedAndChangesNothing() {
        for (int i = 0; i < 3; i++) {
            redemptions.redeem(silver, benefit, "q-" + BookFixtures.next(), Channel.API, "api", null);
        }
        refused(() -> redemptions.redeem(silver, benefit, "q-" + BookFixtures.next(), Channel.API, "api", null), Reason.QUOTA_EXHAUSTED);
        refused(() -> redemptions.redeem(basic, benefit, "t-" + BookFixtures.next(), Channel.API, "api", null), Reason.NOT_ENTITLED);
        refused(() -> redemptions.redeem(basic, "NO_SUCH_BENEFIT", "u-" + BookFixtures.next(), Channel.API, "api", null), Reason.UNKNOWN_BENEFIT);

        String handbook = "SAFETY_HANDBOOK";
        String once = "d-" + BookFixtures.next();
        redemptions.redeem(basic, handbook, once, Channel.API, "api", null);
        refused(() -> redemptions.redeem(basic, handbook, once, Channel.API, "api", null), Reason.DUPLICATE_REQUEST);

        redemptions.redeem(basic, "CLAIM_PROGRESS", "ok-" + BookFixtures.next(), Channel.API, "api", null);
        // the green channel was activated on joining: use it once, then let it expire
        redemptions.redeem(basic, "CLAIMS_GREEN_CHANNEL", "g-" + BookFixtures.next(), Channel.API, "api", null);
        jdbc.sql("update loyalty_entitlement set valid_until = :yesterday where customer_id = :c and benefit_code = 'CLAIMS_GREEN_CHANNEL'")
                .param("yesterday", LocalDate.now(clock).minusDays(1)).param("c", basic).update();
        refused(() -> redemptions.redeem(basic, "CLAIMS_GREEN_CHANNEL", "e-" + BookFixtures.next(), Channel.API, "api", null), Reason.EXPIRED);

        assertThat(jdbc.sql("select used from loyalty_entitlement where customer_id = :c and benefit_code = :b")
                .param("c", silver).param("b", benefit).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from loyalty_redemption where customer_id = :c and benefit_code = :b")
                .param("c", silver).param("b", benefit).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from loyalty_redemption where customer_id = :c").param("c", basic)
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select used from loyalty_entitlement where customer_id = :c and benefit_code = 'SAFETY_HANDBOOK'")
                .param("c", basic).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void ofFiftyParallelRedemptionsOfTheLastUseExactlyOneSucceeds() throws Exception {
        redemptions.redeem(silver, benefit, "p-" + BookFixtures.next(), Channel.STAFF, "s", null);
        redemptions.redeem(silver, benefit, "p-" + BookFixtures.next(), Channel.STAFF, "s", null);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String request = "par-" + BookFixtures.next();
                results.add(pool.submit((Callable<Object>) () -> {
                    start.await();
                    try {
                        return redemptions.redeem(silver, benefit, request, Channel.API, "api", null);
                    } catch (RedemptionRefused e) {
                        return e.reason();
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes.stream().filter(o -> o instanceof Redemptions.Redemption).count()).isEqualTo(1);
            assertThat(outcomes.stream().filter(o -> o == Reason.QUOTA_EXHAUSTED).count()).isEqualTo(49);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select used from loyalty_entitlement where customer_id = :c and benefit_code = :b")
                .param("c", silver).param("b", benefit).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from loyalty_redemption where customer_id = :c and benefit_code = :b")
                .param("c", silver).param("b", benefit).query(Integer.class).single()).isEqualTo(3);
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RedemptionRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
