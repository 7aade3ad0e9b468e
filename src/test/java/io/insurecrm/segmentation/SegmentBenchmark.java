package io.insurecrm.segmentation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times {@link SegmentRecompute#recomputeAll()} on an existing, migrated book beside recomputing a random sample of
 * customers one by one through {@code recompute(customerId)} (one transaction each, as the event listener does),
 * extrapolated to the book. Not a test: run it through {@code bench/segmentation.sh JDBC_URL [sample=1000]}.
 * It writes placements: run it on a scratch copy of a book, never on a book you keep.
 */
public final class SegmentBenchmark {

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: SegmentBenchmark JDBC_URL [sample=1000]");
            System.exit(2);
        }
        int sample = args.length > 1 ? Integer.parseInt(args[1].replace("sample=", "")) : 1000;
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(args[0], true);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        SegmentRecompute recompute = new SegmentRecompute(jdbc, Clock.systemDefaultZone());
        LocalDate today = LocalDate.now();

        long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
        System.out.println(jdbc.sql("select version()").query(String.class).single());
        System.out.printf("book: %,d customers, %,d policies (%,d active), %,d household members; %,d placements before%n",
                customers, jdbc.sql("select count(*) from policy").query(Long.class).single(),
                jdbc.sql("select count(*) from policy where status = 'ACTIVE'").query(Long.class).single(),
                jdbc.sql("select count(*) from household_member").query(Long.class).single(),
                jdbc.sql("select count(*) from segment_placement").query(Long.class).single());

        jdbc.sql("truncate segment_placement").update();
        report("recomputeAll, empty placements (first run)", tx.execute(s -> recompute.recomputeAll(today)));
        report("recomputeAll again, same day (nothing changes)", tx.execute(s -> recompute.recomputeAll(today)));
        report("recomputeAll next day (birthdays move)", tx.execute(s -> recompute.recomputeAll(today.plusDays(1))));
        report("recomputeAll next day again (nothing changes)", tx.execute(s -> recompute.recomputeAll(today.plusDays(1))));

        List<Long> ids = jdbc.sql("select id from customer tablesample system (1) order by random() limit :n")
                .param("n", sample).query(Long.class).list();
        // warm-up, then the timed pass: the same customers, with their placements removed so each is really written
        ids.stream().limit(50).forEach(id -> tx.execute(s -> recompute.recompute(List.of(id), today.plusDays(1))));
        jdbc.sql("delete from segment_placement where customer_id = any(:ids)").param("ids", ids.toArray(Long[]::new)).update();
        long start = System.nanoTime();
        for (long id : ids) {
            tx.execute(s -> recompute.recompute(List.of(id), today.plusDays(1)));
        }
        double perCustomerMs = (System.nanoTime() - start) / 1e6 / ids.size();
        System.out.printf("%-52s %,10.3f ms per customer (sample %,d), extrapolated to %,d customers: %,.0f s%n",
                "recompute(customerId) one by one, writing", perCustomerMs, ids.size(), customers,
                perCustomerMs * customers / 1000);
        start = System.nanoTime();
        for (long id : ids) {
            tx.execute(s -> recompute.recompute(List.of(id), today.plusDays(1)));
        }
        perCustomerMs = (System.nanoTime() - start) / 1e6 / ids.size();
        System.out.printf("%-52s %,10.3f ms per customer (sample %,d), extrapolated to %,d customers: %,.0f s%n",
                "recompute(customerId) one by one, unchanged", perCustomerMs, ids.size(), customers,
                perCustomerMs * customers / 1000);
        System.out.println("distribution: " + jdbc.sql("""
                select string_agg(dimension || ' ' || segment || ' ' || n, ', ' order by dimension, n desc)
                  from (select dimension, segment, count(*) n from segment_placement where valid_to is null group by 1, 2) d""")
                .query(String.class).single());
    }

    private static void report(String what, SegmentRecompute.Run run) {
        System.out.printf("%-52s %,10d ms  placed %,d · opened %,d · closed %,d · replaced %,d%n", what,
                run.took().toMillis(), run.placed(), run.opened(), run.closed(), run.replaced());
    }
}
