package io.insurecrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.loyalty.PointsRefused.Reason;
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

/** The points ledger on committed rows: earning, spending oldest lots first, adjustments, expiry, and 1,000 parallel operations. */
@SpringBootTest
class PointsLedgerTests {

    @Autowired JdbcClient jdbc;
    @Autowired PointsLedger points;
    @Autowired Clock clock;

    long customer;

    @BeforeEach
    void customer() {
        BookFixtures book = new BookFixtures(jdbc);
        customer = book.individual("积分", book.agent(book.branch("33")));
    }

    @Test
    void earnSpendAdjustAndRefusals() {
        assertThat(points.earn(customer, Activity.SURVEY, id(), "agent", null).balance()).isEqualTo(50);
        assertThat(points.earn(customer, Activity.SAFETY_INSPECTION, id(), "agent", null).balance()).isEqualTo(250);
        assertThat(points.spend(customer, 80, id(), "兑换清洗券", "agent").balance()).isEqualTo(170);
        assertThat(points.adjust(customer, -20, id(), "重复录入更正", "admin").balance()).isEqualTo(150);
        String once = id();
        points.adjust(customer, 10, once, "活动补录", "admin");

        refused(() -> points.spend(customer, 1000, id(), "超额", "agent"), Reason.INSUFFICIENT_BALANCE);
        refused(() -> points.adjust(customer, 5, id(), " ", "admin"), Reason.REASON_REQUIRED);
        refused(() -> points.adjust(customer, 10, once, "活动补录", "admin"), Reason.DUPLICATE_REQUEST);
        refused(() -> points.spend(customer, 0, id(), "零", "agent"), Reason.INVALID_POINTS);
        refused(() -> points.earn(-1, Activity.SURVEY, id(), "agent", null), Reason.UNKNOWN_CUSTOMER);

        assertThat(points.balance(customer)).isEqualTo(160);
        assertInvariants();
        // the survey lot (oldest expiry, then oldest id) was spent first: 50 of 80, then 30 + 20 of the inspection's 200
        assertThat(jdbc.sql("select coalesce(activity, kind) || ':' || remaining from loyalty_points_entry where customer_id = :c and remaining is not null order by id")
                .param("c", customer).query(String.class).list()).containsExactly("SURVEY:0", "SAFETY_INSPECTION:150", "ADJUST:10");
    }

    @Test
    void expiredLotsAreWrittenOffOnce() {
        points.earn(customer, Activity.HOME_CLASS, id(), "agent", null);
        points.earn(customer, Activity.SURVEY, id(), "agent", null);
        points.spend(customer, 30, id(), "兑换", "agent");
        jdbc.sql("update loyalty_points_entry set expires_on = :d where customer_id = :c and activity = 'HOME_CLASS'")
                .param("d", LocalDate.now(clock).minusDays(1)).param("c", customer).update();

        points.expire(LocalDate.now(clock));
        points.expire(LocalDate.now(clock));

        assertThat(points.balance(customer)).isEqualTo(50);
        assertThat(jdbc.sql("select points from loyalty_points_entry where customer_id = :c and kind = 'EXPIRE'")
                .param("c", customer).query(Integer.class).list()).containsExactly(-70);
        assertInvariants();
    }

    @Test
    void aThousandParallelOperationsLeaveTheBalanceEqualToTheLedger() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        String repeated = id();
        try {
            for (int i = 0; i < 1000; i++) {
                int n = i;
                String request = n % 100 == 0 ? repeated : id();
                results.add(pool.submit((Callable<String>) () -> {
                    start.await();
                    try {
                        if (n % 2 == 0) {
                            points.earn(customer, Activity.SURVEY, request, "t", null);
                        } else {
                            points.spend(customer, 60, request, "并发消费", "t");
                        }
                        return "ok";
                    } catch (PointsRefused e) {
                        return e.reason().name();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).isSubsetOf("ok", "INSUFFICIENT_BALANCE", "DUPLICATE_REQUEST");
            assertThat(outcomes.stream().filter("DUPLICATE_REQUEST"::equals).count()).isEqualTo(9);
            // 491 earns of 50 (24,550) cannot pay for 500 spends of 60 (30,000), whatever order the threads ran in:
            // at least 91 spends must have been refused
            assertThat(outcomes.stream().filter("INSUFFICIENT_BALANCE"::equals).count()).isGreaterThanOrEqualTo(91);
            long ok = outcomes.stream().filter("ok"::equals).count();
            assertThat(jdbc.sql("select count(*) from loyalty_points_entry where customer_id = :c").param("c", customer)
                    .query(Long.class).single()).isEqualTo(ok);
        } finally {
            pool.shutdownNow();
        }
        assertInvariants();
    }

    private void assertInvariants() {
        int ledger = jdbc.sql("select coalesce(sum(points), 0) from loyalty_points_entry where customer_id = :c").param("c", customer)
                .query(Integer.class).single();
        int lots = jdbc.sql("select coalesce(sum(remaining), 0) from loyalty_points_entry where customer_id = :c").param("c", customer)
                .query(Integer.class).single();
        assertThat(points.balance(customer)).isEqualTo(ledger).isEqualTo(lots).isNotNegative();
    }

    private static String id() {
        return "pts-" + BookFixtures.next();
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PointsRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
