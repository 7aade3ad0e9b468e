package io.insurecrm.loyalty;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times the nightly {@link LoyaltyEvaluation#evaluateAll(LocalDate)} (set-based SQL) on an existing, migrated book
 * beside evaluating a random sample of home-policy holders one by one through {@code evaluate(List.of(id), day)} (one
 * transaction each, as the policy event listener does), extrapolated to the book, in the same run. Not a test: run it
 * through {@code bench/loyalty.sh JDBC_URL [sample=1000]}. It WRITES members, tier changes, outbox rows and
 * entitlements (it empties them first): run it on a scratch copy of a book, never on one you keep.
 */
public final class LoyaltyBenchmark {

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: LoyaltyBenchmark JDBC_URL [sample=1000]");
            System.exit(2);
        }
        int sample = args.length > 1 ? Integer.parseInt(args[1].replace("sample=", "")) : 1000;
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(args[0], true);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        AtomicLong published = new AtomicLong();
        ApplicationEventPublisher events = event -> published.incrementAndGet();
        LoyaltyEvaluation evaluation = new LoyaltyEvaluation(jdbc, Clock.systemDefaultZone(), events);
        LocalDate today = LocalDate.now();

        System.out.println(jdbc.sql("select version()").query(String.class).single());
        long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
        long holders = jdbc.sql("""
                select count(distinct holder_id) from policy where product_id in (select id from product where line = 'HOME_PROPERTY')""")
                .query(Long.class).single();
        System.out.printf("book: %,d customers, %,d policies, %,d home policies (%,d active) of %,d holders%n", customers,
                jdbc.sql("select count(*) from policy").query(Long.class).single(),
                jdbc.sql("select count(*) from policy where product_id in (select id from product where line = 'HOME_PROPERTY')")
                        .query(Long.class).single(),
                jdbc.sql("select count(*) from policy where status = 'ACTIVE' and product_id in (select id from product where line = 'HOME_PROPERTY')")
                        .query(Long.class).single(), holders);

        jdbc.sql("truncate loyalty_redemption, loyalty_entitlement, loyalty_outbox, loyalty_tier_change, loyalty_member, loyalty_evaluation_run")
                .update();
        report("evaluateAll, no member yet (launch: no SMS/events)", tx.execute(s -> evaluation.evaluateAll(today)), published);
        report("evaluateAll again, same day (nothing changes)", tx.execute(s -> evaluation.evaluateAll(today)), published);
        report("evaluateAll next day", tx.execute(s -> evaluation.evaluateAll(today.plusDays(1))), published);
        jdbc.sql("delete from loyalty_member where customer_id % 20 = 0").update();
        report("evaluateAll after removing 5% of members (they rejoin: SMS, benefits, events)",
                tx.execute(s -> evaluation.evaluateAll(today.plusDays(1))), published);
        report("evaluateAll next day again (nothing changes)", tx.execute(s -> evaluation.evaluateAll(today.plusDays(1))), published);

        List<Long> ids = jdbc.sql("""
                        select holder_id from policy tablesample system (2)
                         where product_id in (select id from product where line = 'HOME_PROPERTY')
                         group by holder_id order by random() limit :n""")
                .param("n", sample).query(Long.class).list();
        ids.stream().limit(50).forEach(id -> tx.execute(s -> evaluation.evaluate(List.of(id), today.plusDays(1))));
        jdbc.sql("delete from loyalty_member where customer_id = any(:ids)").param("ids", ids.toArray(Long[]::new)).update();
        long start = System.nanoTime();
        for (long id : ids) {
            tx.execute(s -> evaluation.evaluate(List.of(id), today.plusDays(1)));
        }
        perCustomer("evaluate(customerId) one by one, writing", start, ids.size(), holders, customers);
        start = System.nanoTime();
        for (long id : ids) {
            tx.execute(s -> evaluation.evaluate(List.of(id), today.plusDays(1)));
        }
        perCustomer("evaluate(customerId) one by one, unchanged", start, ids.size(), holders, customers);
        System.out.println("distribution: " + jdbc.sql("""
                select string_agg(tier || ' ' || n, ', ' order by loyalty_tier_rank(tier))
                  from (select tier, count(*) n from loyalty_member group by tier) d""").query(String.class).single());
        System.out.printf("outbox rows %,d, entitlements %,d, tier changes %,d%n",
                jdbc.sql("select count(*) from loyalty_outbox").query(Long.class).single(),
                jdbc.sql("select count(*) from loyalty_entitlement").query(Long.class).single(),
                jdbc.sql("select count(*) from loyalty_tier_change").query(Long.class).single());
    }

    private static void perCustomer(String what, long start, int n, long holders, long customers) {
        double ms = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf("%-70s %,8.3f ms per holder (sample %,d): %,.0f s for the %,d home holders, %,.0f s for %,d customers%n",
                what, ms, n, ms * holders / 1000, holders, ms * customers / 1000, customers);
    }

    private static void report(String what, LoyaltyEvaluation.Run run, AtomicLong published) {
        System.out.printf("%-70s %,8d ms  evaluated %,d · changed %,d (up %,d, down %,d) · events so far %,d%n", what,
                run.took().toMillis(), run.evaluated(), run.changed(), run.upgrades(), run.downgrades(), published.get());
    }
}
