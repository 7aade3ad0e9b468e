package io.insurecrm.segmentation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times the whole-book run, the incremental nightly run and one-customer recomputes on an existing book, beside
 * recomputing a random sample of customers one by one through {@code recompute(customerId)} (one transaction each, as
 * the event listener does), extrapolated to the book. Applies the pending Flyway migrations first (out of order, as the
 * application does). Not a test: run it through {@code bench/segmentation.sh JDBC_URL [sample=1000]}; with {@code fill} it only
 * places the book once when nothing is placed yet (for other benchmarks).
 * It writes placements, tags and interactions: run it on a scratch copy of a book, never on a book you keep.
 */
public final class SegmentBenchmark {

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: SegmentBenchmark JDBC_URL [sample=1000 | fill]");
            System.exit(2);
        }
        if (args.length > 1 && List.of("chunked", "interrupt", "resume", "again").contains(args[1])) {
            chunked(args);
            return;
        }
        if (args.length > 1 && args[1].equals("rule-change")) {
            ruleChange(args);
            return;
        }
        if (args.length > 1 && args[1].equals("rule-change-dim")) {
            ruleChangeOfOneDimension(args);
            return;
        }
        boolean fillOnly = args.length > 1 && args[1].equals("fill");
        boolean explainNightly = args.length > 1 && args[1].equals("explain-nightly");
        boolean oneByOne = args.length > 1 && args[1].startsWith("one=");
        int sample = args.length > 1 && !fillOnly && !explainNightly && !args[1].equals("keep")
                ? Integer.parseInt(args[1].replace("sample=", "").replace("one=", "")) : 1000;
        var migrated = Flyway.configure().dataSource(args[0], null, null).locations("classpath:db/migration")
                .outOfOrder(true).load().migrate();
        System.out.printf("flyway: %d migration(s) applied%s%n", migrated.migrationsExecuted,
                migrated.migrations.isEmpty() ? "" : " (" + String.join(", ", migrated.migrations.stream()
                        .map(m -> "V" + m.version).toList()) + ")");
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(args[0], true);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        SegmentRecompute recompute = new SegmentRecompute(jdbc, Clock.systemDefaultZone());
        LocalDate today = LocalDate.now();

        if (fillOnly) {   // for other benchmarks (bench/crosssell.sh): place the book once when nothing is placed yet
            long placed = jdbc.sql("select count(*) from segment_placement where valid_to is null").query(Long.class).single();
            if (placed == 0) {
                long t = System.nanoTime();
                tx.execute(s -> recompute.recomputeAll(today));
                System.out.printf("placements filled (recomputeAll) in %,d ms%n", (System.nanoTime() - t) / 1_000_000);
            } else {
                System.out.printf("%,d current placements already: nothing to fill%n", placed);
            }
            return;
        }
        if (explainNightly) {   // the next day's nightly run on a placed book, plans of its slow statements in the server log, rolled back
            jdbc.sql("load 'auto_explain'").update();
            jdbc.sql("set auto_explain.log_min_duration = 100").update();
            jdbc.sql("set auto_explain.log_analyze = on").update();
            jdbc.sql("set auto_explain.log_buffers = on").update();
            jdbc.sql("set auto_explain.log_wal = on").update();
            jdbc.sql("set auto_explain.log_nested_statements = on").update();
            LocalDate day = args.length > 2 ? LocalDate.parse(args[2]) : today.plusDays(1);
            // commit: the run is kept (a day to build the next one on)
            boolean commit = List.of(args).contains("commit");
            tx.execute(s -> {
                report("nightly " + day + (commit ? "" : " (rolled back)"), recompute.nightly(day));
                if (!commit) {
                    s.setRollbackOnly();
                }
                return null;
            });
            return;
        }
        if (oneByOne) {   // recompute(customerId) for a random sample of a placed book, each rolled back: the book is left as it was
            List<Long> ids = jdbc.sql("select id from customer tablesample system (1) order by random() limit :n")
                    .param("n", sample).query(Long.class).list();
            // one committed run creates the connection's work tables (a rolled-back run would drop them again)
            tx.execute(s -> recompute.recompute(List.of(ids.get(0)), today));
            for (LocalDate day : List.of(today, today.plusDays(1), today)) {
                List<Double> ms = new ArrayList<>();
                for (long id : ids) {
                    long start = System.nanoTime();
                    tx.execute(s -> {
                        recompute.recompute(List.of(id), day);
                        s.setRollbackOnly();
                        return null;
                    });
                    ms.add((System.nanoTime() - start) / 1e6);
                }
                System.out.printf("recompute(customerId) on %s, rolled back: %.2f ms per customer (p50 %.2f, p95 %.2f; sample %,d)%n",
                        day, mean(ms), pct(ms, 50), pct(ms, 95), ids.size());
            }
            return;
        }
        long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
        System.out.println(jdbc.sql("select version()").query(String.class).single());
        System.out.printf("book: %,d customers, %,d policies (%,d active), %,d claims, %,d interactions, %,d household members; "
                        + "%,d placements before%n",
                customers, count(jdbc, "policy"), jdbc.sql("select count(*) from policy where status = 'ACTIVE'").query(Long.class).single(),
                count(jdbc, "claim"), count(jdbc, "interaction"), count(jdbc, "household_member"), count(jdbc, "segment_placement"));

        // keep: start from the book's placements (a copy of a book placed before, e.g. with fill) instead of from none
        boolean keep = List.of(args).contains("keep");
        if (!keep) {
            jdbc.sql("truncate segment_placement, segment_recheck, segment_batch, segment_dirty").update();
            jdbc.sql("delete from customer_tag where source = 'RULE'").update();
            jdbc.sql("vacuum analyze segment_placement").update();
            report("recomputeAll, empty placements (first run)", tx.execute(s -> recompute.recomputeAll(today)));
        }
        // as autovacuum leaves them between two nights (a whole-book run leaves every mark row dead, say)
        for (String table : List.of("segment_placement", "segment_recheck", "segment_dirty", "customer_tag")) {
            jdbc.sql("vacuum analyze " + table).update();
        }
        report(keep ? "recomputeAll on the placed book (whatever changed since)" : "recomputeAll again, same day (nothing changes)",
                tx.execute(s -> recompute.recomputeAll(today)));
        for (String table : List.of("segment_placement", "segment_recheck", "segment_dirty", "customer_tag")) {
            jdbc.sql("vacuum analyze " + table).update();
        }
        report("nightly, same day (nothing changes)", tx.execute(s -> recompute.nightly(today)));
        LocalDate next = today.plusDays(1);
        report("nightly, next day", tx.execute(s -> recompute.nightly(next)));
        report("nightly, next day again (nothing changes)", tx.execute(s -> recompute.nightly(next)));
        // a day of writes: interactions for 1% of the book, dated the day after; or (writes=policies) as many active
        // policies' premiums changed, which marks their holders and insureds in every dimension
        LocalDate third = today.plusDays(2);
        boolean policyWrites = List.of(args).contains("writes=policies");
        int written = policyWrites
                ? jdbc.sql("""
                        update policy set annual_premium = annual_premium + 1
                         where id in (select id from policy tablesample system (1) where status = 'ACTIVE' limit :n)""")
                        .param("n", customers / 100).update()
                : jdbc.sql("""
                        insert into interaction (customer_id, type, channel, occurred_at)
                        select id, 'CONSULTATION', 'PHONE', cast(:day as date) + time '10:00'
                          from customer tablesample system (1) limit :n""").param("day", next).param("n", customers / 100).update();
        report("nightly, day after, %,d %s written".formatted(written, policyWrites ? "policy premiums" : "interactions"),
                tx.execute(s -> recompute.nightly(third)));
        SegmentRecompute.Run check = tx.execute(s -> recompute.recomputeAll(third));
        report("check: recomputeAll the same day after the nightlies", check);
        System.out.println(check.closed() + check.opened() + check.replaced() == 0
                ? "check: the whole book gives exactly what the nightly runs left (nothing written)"
                : "CHECK FAILED: the whole-book run changed placements the nightly runs had left");

        List<Long> ids = jdbc.sql("select id from customer tablesample system (1) order by random() limit :n")
                .param("n", sample).query(Long.class).list();
        // warm-up, then the timed pass: the same customers, with their placements removed so each is really written
        ids.stream().limit(50).forEach(id -> tx.execute(s -> recompute.recompute(List.of(id), third)));
        jdbc.sql("delete from segment_placement where customer_id = any(:ids)").param("ids", ids.toArray(Long[]::new)).update();
        List<Double> writing = timeOneByOne(ids, tx, recompute, third);
        double perCustomerMs = mean(writing);
        System.out.printf("%-60s %,10.3f ms per customer (p50 %.2f, p95 %.2f; sample %,d), extrapolated to %,d customers: %,.0f s%n",
                "recompute(customerId) one by one, writing", perCustomerMs, pct(writing, 50), pct(writing, 95), ids.size(),
                customers, perCustomerMs * customers / 1000);
        List<Double> unchanged = timeOneByOne(ids, tx, recompute, third);
        System.out.printf("%-60s %,10.3f ms per customer (p50 %.2f, p95 %.2f; sample %,d), extrapolated to %,d customers: %,.0f s%n",
                "recompute(customerId) one by one, unchanged", mean(unchanged), pct(unchanged, 50), pct(unchanged, 95),
                ids.size(), customers, mean(unchanged) * customers / 1000);
        System.out.println("distribution: " + jdbc.sql("""
                select string_agg(dimension || ' ' || segment || ' ' || n, ', ' order by dimension, n desc)
                  from (select dimension, segment, count(*) n from segment_placement where valid_to is null group by 1, 2) d""")
                .query(String.class).single());
        System.out.println("due in the next 7 days: " + jdbc.sql("""
                select string_agg(due || ' ' || n, ', ' order by due)
                  from (select due, count(*) n from segment_recheck where due <= cast(:day as date) + 7 group by due) d""")
                .param("day", third).query(String.class).single());
    }

    /**
     * bench/segmentation-resume.sh: the chunked whole-book run against the single-transaction one, and a run killed
     * mid-way then resumed. Modes: {@code chunked [chunk=N]} (both from scratch, keeping the chunked result as
     * bench_reference), {@code interrupt [chunk=N] [kill-in-chunk=K]} (from scratch; the JVM halts inside chunk K's
     * transaction, as a killed instance would), {@code resume} (resumes it as a restarted instance does and compares the
     * placements with bench_reference), {@code again [chunk=N]} (both again on the placed book: nothing changes).
     */
    private static void chunked(String[] args) {
        String mode = args[1];
        int chunk = Integer.parseInt(option(args, "chunk", "100000"));
        int killIn = Integer.parseInt(option(args, "kill-in-chunk", "4"));
        var migrated = Flyway.configure().dataSource(args[0], null, null).locations("classpath:db/migration")
                .outOfOrder(true).load().migrate();
        System.out.printf("flyway: %d migration(s) applied%n", migrated.migrationsExecuted);
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setJdbcUrl(args[0]);
        pool.setMaximumPoolSize(4);
        JdbcClient jdbc = JdbcClient.create(pool);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(pool);
        TransactionTemplate tx = new TransactionTemplate(manager);
        Clock clock = Clock.systemDefaultZone();
        SegmentRecompute recompute = new SegmentRecompute(jdbc, clock);
        SegmentBookRuns runs = new SegmentBookRuns(recompute, jdbc, pool, manager, clock, chunk);
        LocalDate today = LocalDate.now(clock);
        long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
        System.out.printf("book: %,d customers, %,d current placements; chunk size %,d%n", customers,
                jdbc.sql("select count(*) from segment_placement where valid_to is null").query(Long.class).single(), chunk);
        String truncate = "truncate segment_placement, segment_recheck, segment_batch, segment_dirty; "
                + "delete from customer_tag where source = 'RULE'";
        switch (mode) {
            case "chunked" -> {
                // the previous path: one transaction, from scratch (rolled back, so the chunked run starts from the same state)
                long start = System.nanoTime();
                SegmentRecompute.Run single = tx.execute(s -> {
                    jdbc.sql(truncate).update();
                    SegmentRecompute.Run run = recompute.recomputeAll(today);
                    s.setRollbackOnly();
                    return run;
                });
                report("single transaction, from scratch (rolled back)", single);
                System.out.printf("  (wall %,d ms)%n", (System.nanoTime() - start) / 1_000_000);
                jdbc.sql(truncate).update();
                vacuum(jdbc);
                start = System.nanoTime();
                SegmentBookRun run = runs.runNow("bench", "chunked, from scratch");
                reportRun("chunked, from scratch", run, start);
                jdbc.sql("drop table if exists bench_reference").update();
                jdbc.sql("""
                        create table bench_reference as
                        select customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args, valid_from
                          from segment_placement where valid_to is null""").update();
                System.out.println("bench_reference: the current placements of the uninterrupted chunked run, kept for resume");
            }
            case "again" -> {
                long start;
                vacuum(jdbc);
                start = System.nanoTime();
                report("single transaction, placed book (nothing changes)", tx.execute(s -> recompute.recomputeAll(today)));
                System.out.printf("  (wall %,d ms)%n", (System.nanoTime() - start) / 1_000_000);
                vacuum(jdbc);
                start = System.nanoTime();
                reportRun("chunked, placed book (nothing changes)", runs.runNow("bench", "chunked, again"), start);
            }
            case "interrupt" -> {
                jdbc.sql(truncate).update();
                vacuum(jdbc);
                long start = System.nanoTime();
                runs.hook((id, no) -> {
                    if (no == killIn) {
                        System.out.printf("halting the JVM inside chunk %d's transaction after %,d ms (%d chunks committed)%n",
                                no, (System.nanoTime() - start) / 1_000_000, no - 1);
                        System.out.flush();
                        Runtime.getRuntime().halt(137);
                    }
                });
                runs.runNow("bench", "chunked, killed mid-way");
                System.out.println("NOT HALTED: the book has fewer chunks than kill-in-chunk");
            }
            case "resume" -> {
                SegmentBookRun before = runs.latest().orElseThrow();
                System.out.printf("latest run %d: %s, %d chunks (%,d customers) committed, checkpoint %s, %,d ms of chunks%n",
                        before.id(), before.state(), before.chunksDone(), before.customersDone(), before.lastCustomerId(),
                        before.took().toMillis());
                long start = System.nanoTime();
                SegmentBookRun resumed = runs.resumeInterrupted("bench").orElseThrow();
                reportRun("resumed after the kill", resumed, start);
                boolean reference = jdbc.sql("select to_regclass('bench_reference') is not null").query(Boolean.class).single();
                long missing = !reference ? 0 : jdbc.sql("""
                        select count(*) from (select customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args, valid_from
                                                from bench_reference
                                              except
                                              select customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args, valid_from
                                                from segment_placement where valid_to is null) d""").query(Long.class).single();
                long extra = !reference ? 0 : jdbc.sql("""
                        select count(*) from (select customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args, valid_from
                                                from segment_placement where valid_to is null
                                              except
                                              select customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args, valid_from
                                                from bench_reference) d""").query(Long.class).single();
                long history = jdbc.sql("select count(*) from segment_placement where valid_to is not null").query(Long.class).single();
                System.out.println(!reference ? "no bench_reference (mode chunked not run first): checked by the single-transaction run below only"
                        : missing == 0 && extra == 0 && history == 0
                        ? "check: the killed and resumed run left exactly the placements of the uninterrupted run"
                        : "CHECK FAILED: %,d reference placements missing, %,d others, %,d closed rows".formatted(missing, extra, history));
                SegmentRecompute.Run check = tx.execute(s -> recompute.recomputeAll(today));
                report("check: single transaction after the resume", check);
                System.out.println(check.closed() + check.opened() + check.replaced() == 0
                        ? "check: the single-transaction run writes nothing after the resumed one"
                        : "CHECK FAILED: the single-transaction run changed placements after the resumed run");
                jdbc.sql("drop table if exists bench_reference").update();
            }
            default -> throw new IllegalArgumentException(mode);
        }
        pool.close();
    }

    /**
     * bench/segmentation.sh URL rule-change [sample=200]: on a placed book (a copy), in one run: the rule-tag step's
     * statement before (RuleTagsSqlTests.REFERENCE) and now, each alone on the same placements, with their results
     * compared; the tag write before (insert of every staged tag, on conflict) and now (only the new ones), each rolled
     * back; then a rule change of one dimension (VALUE: the MIDDLE band from 12,000 instead of 10,000, a new version)
     * recomputed by the single-transaction whole-book run with its step timings; and recompute(customerId) for a sample,
     * rolled back, extrapolated.
     */
    private static void ruleChange(String[] args) {
        int sample = Integer.parseInt(option(args, "sample", "200"));
        var migrated = Flyway.configure().dataSource(args[0], null, null).locations("classpath:db/migration")
                .outOfOrder(true).load().migrate();
        System.out.printf("flyway: %d migration(s) applied%n", migrated.migrationsExecuted);
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(args[0], true);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        SegmentRecompute recompute = new SegmentRecompute(jdbc, Clock.systemDefaultZone());
        LocalDate today = LocalDate.now();
        long customers = count(jdbc, "customer");
        System.out.printf("book: %,d customers, %,d policies, %,d current placements, %,d current rule tags%n", customers,
                count(jdbc, "policy"), jdbc.sql("select count(*) from segment_placement where valid_to is null").query(Long.class).single(),
                jdbc.sql("select count(*) from customer_tag where source = 'RULE' and removed_at is null").query(Long.class).single());
        vacuum(jdbc);
        String staged = "segment_staging";
        String setUp = """
                set local jit = off; set local work_mem = '64MB';
                create temp table segment_staging on commit drop as
                select customer_id, dimension, segment from segment_placement where valid_to is null;
                analyze segment_staging""";
        for (String which : List.of("before", "now", "before", "now")) {
            long[] ms = new long[1];
            long rows = tx.execute(st -> {
                jdbc.sql(setUp).update();
                String select = which.equals("before")
                        ? RuleTagsSqlTests.REFERENCE.formatted(staged, SegmentSql.ACTIVE_TAG_RULES)
                        : SegmentSql.ruleTags(staged, SegmentSql.ACTIVE_TAG_RULES, SegmentSql.EVERY_TAGGED_CUSTOMER);
                if (which.equals("now")) {
                    jdbc.sql("set local enable_mergejoin = off").update();
                }
                long t = System.nanoTime();
                long n = jdbc.sql("create temp table bench_tags_" + which + " on commit drop as " + select).update();
                ms[0] = (System.nanoTime() - t) / 1_000_000;
                st.setRollbackOnly();
                return n;
            });
            System.out.printf("%-60s %,10d ms  %,d tags  (load %s)%n", "tag statement " + which + ", whole book", ms[0], rows, load());
        }
        // same results: both into tables of one transaction, compared both ways
        long differ = tx.execute(st -> {
            jdbc.sql(setUp).update();
            jdbc.sql("create temp table bench_before on commit drop as "
                    + RuleTagsSqlTests.REFERENCE.formatted(staged, SegmentSql.ACTIVE_TAG_RULES)).update();
            jdbc.sql("create temp table bench_now on commit drop as "
                    + SegmentSql.ruleTags(staged, SegmentSql.ACTIVE_TAG_RULES, SegmentSql.EVERY_TAGGED_CUSTOMER)).update();
            long d = jdbc.sql("""
                    select (select count(*) from (select * from bench_before except all select * from bench_now) a)
                         + (select count(*) from (select * from bench_now except all select * from bench_before) b)""")
                    .query(Long.class).single();
            st.setRollbackOnly();
            return d;
        });
        System.out.println(differ == 0 ? "check: both tag statements give the same tags (except all, both ways)"
                : "CHECK FAILED: the tag statements differ in %,d rows".formatted(differ));
        // the write: every current tag staged again (a run that changes nothing), then written the old way and the new
        String stageTags = "create temp table tag_staging on commit drop as "
                + SegmentSql.ruleTags(staged, SegmentSql.ACTIVE_TAG_RULES, SegmentSql.EVERY_TAGGED_CUSTOMER) + "; analyze tag_staging";
        String insertAll = """
                insert into customer_tag (customer_id, tag_dimension, tag, source, tag_rule_set_id, reason_key, reason_args, created_by, created_at)
                select s.customer_id, s.tag_dimension, s.tag, 'RULE', s.tag_rule_set_id, s.reason_key, s.reason_args, 'rule', now()
                  from tag_staging s
                on conflict (customer_id, tag_dimension, tag, source) where removed_at is null do nothing""";
        String insertNew = insertAll.replace("  from tag_staging s\n", """
                  from tag_staging s
                 where not exists (select 1 from customer_tag t
                                    where t.customer_id = s.customer_id and t.tag_dimension = s.tag_dimension and t.tag = s.tag
                                      and t.source = 'RULE' and t.removed_at is null and t.tag_rule_set_id = s.tag_rule_set_id
                                      and t.reason_key = s.reason_key and t.reason_args = s.reason_args)
                """);
        for (String which : List.of("before", "now", "before", "now")) {
            long[] ms = new long[1];
            long rows = tx.execute(st -> {
                jdbc.sql(setUp).update();
                jdbc.sql(stageTags).update();
                long t = System.nanoTime();
                long n = jdbc.sql(which.equals("before") ? insertAll : insertNew).update();
                ms[0] = (System.nanoTime() - t) / 1_000_000;
                st.setRollbackOnly();
                return n;
            });
            System.out.printf("%-60s %,10d ms  %,d tags added  (load %s)%n", "tag insert " + which + ", nothing new (rolled back)",
                    ms[0], rows, load());
        }
        // a rule change of one dimension: VALUE's MIDDLE band from 12,000
        long version = changeValueRules(jdbc);
        System.out.printf("rule change: VALUE rules version %d (MIDDLE from 12,000), load %s%n", version, load());
        report("whole book after the VALUE rule change (all five dimensions)", tx.execute(st -> recompute.recomputeAll(today)));
        System.out.println("load after: " + load());
        List<Long> ids = jdbc.sql("select id from customer tablesample system (1) order by random() limit :n")
                .param("n", sample).query(Long.class).list();
        tx.execute(st -> recompute.recompute(List.of(ids.get(0)), today));
        List<Double> ms = new ArrayList<>();
        for (long id : ids) {
            long start = System.nanoTime();
            tx.execute(st -> {
                recompute.recompute(List.of(id), today);
                st.setRollbackOnly();
                return null;
            });
            ms.add((System.nanoTime() - start) / 1e6);
        }
        System.out.printf("%-60s %,10.3f ms per customer (p50 %.2f, p95 %.2f; sample %,d), extrapolated to %,d customers: %,.0f s (load %s)%n",
                "recompute(customerId) one by one, rolled back", mean(ms), pct(ms, 50), pct(ms, 95), ids.size(), customers,
                mean(ms) * customers / 1000, load());
    }

    /**
     * bench/segmentation.sh URL_A rule-change-dim twin=URL_B [sample=200] [also=BEHAVIOUR,RISK] [check=no] [placed=yesterday]: the same VALUE rule
     * change (MIDDLE from 12,000, a new version) on two copies of one placed book: on A the whole-book run of all five
     * dimensions (single transaction, {@code recomputeAll}, as a rule change ran before), on B the rule-change run of
     * VALUE alone ({@link SegmentBookRuns#runRuleChange}, as a rule change runs now), each with its step timings; both
     * books compared (checksums of the placements, current and closed, and of the rule tags); on B the run again (nothing
     * changes) and a whole-book run that must write nothing (rolled back); then recompute(customerId) on A for a sample,
     * rolled back, extrapolated; then, on B, a rule change (a new version of the same rules) of each dimension in
     * {@code also}, run alone. With {@code placed=yesterday} the book is first made as if placed the day before, so the
     * runs close and open placements (as a rule change on any later day does) instead of replacing today's.
     */
    private static void ruleChangeOfOneDimension(String[] args) {
        int sample = Integer.parseInt(option(args, "sample", "200"));
        String twin = option(args, "twin", null);
        if (twin == null) {
            throw new IllegalArgumentException("twin=JDBC_URL of a second copy of the same book is needed");
        }
        List<Dimension> also = java.util.Arrays.stream(option(args, "also", "").split(",")).filter(a -> !a.isBlank())
                .map(Dimension::valueOf).toList();
        com.zaxxer.hikari.HikariDataSource[] pools = new com.zaxxer.hikari.HikariDataSource[2];
        JdbcClient[] books = new JdbcClient[2];
        String[] urls = {args[0], twin};
        for (int i = 0; i < 2; i++) {
            var migrated = Flyway.configure().dataSource(urls[i], null, null).locations("classpath:db/migration")
                    .outOfOrder(true).load().migrate();
            System.out.printf("flyway %s: %d migration(s) applied%s%n", i == 0 ? "A" : "B", migrated.migrationsExecuted,
                    migrated.migrations.isEmpty() ? "" : " (" + String.join(", ", migrated.migrations.stream()
                            .map(m -> "V" + m.version).toList()) + ")");
            pools[i] = new com.zaxxer.hikari.HikariDataSource();
            pools[i].setJdbcUrl(urls[i]);
            pools[i].setMaximumPoolSize(4);
            books[i] = JdbcClient.create(pools[i]);
        }
        Clock clock = Clock.systemDefaultZone();
        LocalDate today = LocalDate.now(clock);
        JdbcClient a = books[0];
        JdbcClient b = books[1];
        long customers = count(a, "customer");
        System.out.printf("book: %,d customers, %,d policies, %,d current placements, %,d current rule tags; today %s, "
                        + "last run %s%n", customers, count(a, "policy"),
                a.sql("select count(*) from segment_placement where valid_to is null").query(Long.class).single(),
                a.sql("select count(*) from customer_tag where source = 'RULE' and removed_at is null").query(Long.class).single(),
                today, a.sql("select day || ' ' || full_run from segment_batch").query(String.class).optional().orElse("none"));
        // placed=yesterday: the book as if placed the day before (every period a day earlier), so the rule change closes
        // and opens placements, as it does on any later day than the last run's, instead of replacing today's in place
        boolean yesterday = option(args, "placed", "today").equals("yesterday");
        for (JdbcClient book : books) {
            if (yesterday && book.sql("select count(*) from segment_placement where valid_from >= :today")
                    .param("today", today).query(Long.class).single() > 0) {
                long t = System.nanoTime();
                book.sql("update segment_placement set valid_from = valid_from - 1, valid_to = valid_to - 1").update();
                book.sql("update segment_batch set day = day - 1").update();
                System.out.printf("placed=yesterday: every placement period moved a day back (%,d ms)%n",
                        (System.nanoTime() - t) / 1_000_000);
            }
            vacuum(book);
            changeValueRules(book);
        }

        // A: the whole book, all five dimensions, as a rule change ran before
        SegmentRecompute before = new SegmentRecompute(a, clock);
        TransactionTemplate txA = new TransactionTemplate(new DataSourceTransactionManager(pools[0]));
        StepTimes stepsA = new StepTimes();
        System.out.println("A: load before " + load());
        long start = System.nanoTime();
        SegmentRecompute.Run all = txA.execute(st -> before.recomputeAll(stepsA));
        long allMs = (System.nanoTime() - start) / 1_000_000;
        report("A: VALUE rule change, whole book (all five dimensions)", all);
        System.out.printf("   wall %,d ms; steps: %s; load after %s%n", allMs, stepsA, load());

        // B: VALUE alone, through the run a rule change starts now
        SegmentRecompute now = new SegmentRecompute(b, clock);
        SegmentBookRuns runs = new SegmentBookRuns(now, b, pools[1], new DataSourceTransactionManager(pools[1]), clock, 100_000);
        System.out.println("B: load before " + load());
        start = System.nanoTime();
        SegmentBookRun run = runs.runRuleChange(Dimension.VALUE, "bench", "rule change: VALUE (bench)");
        long oneMs = (System.nanoTime() - start) / 1_000_000;
        reportRun("B: VALUE rule change, VALUE alone (runRuleChange)", run, start);
        System.out.printf("   wall %,d ms (the steps: the SegmentRecompute log line above); load after %s%n", oneMs, load());
        System.out.printf("one-dimension run: %,d ms against %,d ms for the whole book: %.1f× faster; <= 10 s: %s%n", oneMs, allMs,
                (double) allMs / oneMs, oneMs <= 10_000 ? "met" : "NOT met");

        String[] sums = {"""
                select count(*) || ' rows, sum ' || coalesce(sum(hashtext(customer_id || '|' || dimension || '|' || segment || '|'
                       || rule_set_id || '|' || coalesce(reason, '') || '|' || coalesce(reason_key, '') || '|'
                       || coalesce(reason_args::text, '') || '|' || valid_from || '|' || coalesce(valid_to::text, ''))::bigint), 0)
                  from segment_placement""", """
                select count(*) || ' rows, sum ' || coalesce(sum(hashtext(customer_id || '|' || tag_dimension || '|' || tag || '|'
                       || tag_rule_set_id || '|' || reason_key || '|' || reason_args::text)::bigint), 0)
                  from customer_tag where source = 'RULE' and removed_at is null""", """
                select count(*) || ' rows, sum ' || coalesce(sum(hashtext(customer_id || '|' || coalesce(due::text, '')
                       || '|' || coalesce(value_until::text, ''))::bigint), 0)
                  from segment_recheck"""};
        String[] what = {"placements (current and closed)", "current rule tags", "due days (due, VALUE's)"};
        boolean same = true;
        for (int i = 0; i < sums.length; i++) {
            String sumA = a.sql(sums[i]).query(String.class).single();
            String sumB = b.sql(sums[i]).query(String.class).single();
            System.out.printf("compare %-34s A: %s  B: %s  %s%n", what[i], sumA, sumB, sumA.equals(sumB) ? "same" : "DIFFERENT");
            same &= sumA.equals(sumB);
        }
        System.out.println(same ? "check: the VALUE run alone leaves what the whole-book run leaves (checksums)"
                : "CHECK: the books differ (the whole-book run also re-placed what time changed since the book was placed?)");

        start = System.nanoTime();
        SegmentBookRun again = runs.runRuleChange(Dimension.VALUE, "bench", "rule change: VALUE again (bench)");
        reportRun("B: the VALUE run again (nothing changes)", again, start);
        TransactionTemplate txB = new TransactionTemplate(new DataSourceTransactionManager(pools[1]));
        long[] changedTags = new long[1];
        start = System.nanoTime();
        // check=no: without this whole-book run (3 minutes at 1M) when an earlier run of the same code made it
        SegmentRecompute.Run check = option(args, "check", "yes").equals("no") ? new SegmentRecompute.Run(0, 0, 0, 0,
                java.time.Duration.ZERO, 0, true) : txB.execute(st -> {
            SegmentRecompute.Run r = now.recomputeAll(today);
            changedTags[0] = b.sql("select count(*) from customer_tag where created_at >= now() or removed_at >= now()")
                    .query(Long.class).single();
            st.setRollbackOnly();
            return r;
        });
        boolean checked = !option(args, "check", "yes").equals("no");
        report("B: check, whole book after it (rolled back)" + (checked ? "" : ": not run (check=no)"), check);
        System.out.println(!checked ? "check: not run (check=no)" : check.closed() + check.opened() + check.replaced() + changedTags[0] == 0
                ? "check: the whole-book run writes nothing after the VALUE run (placements and rule tags)"
                : "CHECK FAILED: the whole-book run wrote %,d placements and %,d rule tags after the VALUE run".formatted(
                        check.closed() + check.opened() + check.replaced(), changedTags[0]));
        System.out.printf("B: nightly whole book due after it: %s%n", now.wholeBookDue(today));
        // the first run of a dimension after V87 rewrites every due-day row (each new column was filled with due); a
        // second VALUE rule change (MIDDLE from 15,000) shows the run as it is from then on
        b.sql("""
                with old as (update segment_rule_set set active = false where dimension = 'VALUE' and active returning *)
                insert into segment_rule_set (dimension, version, rules, created_at, created_by, active)
                select dimension, (select max(version) + 1 from segment_rule_set where dimension = 'VALUE'),
                       jsonb_set(jsonb_set(rules, '{bands,0,to}', '15000'), '{bands,1,from}', '15000'), now(), 'bench', true
                  from old""").update();
        System.out.println("B: load before " + load());
        start = System.nanoTime();
        reportRun("B: a second VALUE rule change (MIDDLE from 15,000)", runs.runRuleChange(Dimension.VALUE, "bench",
                "rule change: VALUE, second (bench)"), start);
        System.out.println("   load after " + load());

        List<Long> ids = a.sql("select id from customer tablesample system (1) order by random() limit :n")
                .param("n", sample).query(Long.class).list();
        txA.execute(st -> before.recompute(List.of(ids.get(0)), today));
        List<Double> ms = new ArrayList<>();
        for (long id : ids) {
            long t = System.nanoTime();
            txA.execute(st -> {
                before.recompute(List.of(id), today);
                st.setRollbackOnly();
                return null;
            });
            ms.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf("%-60s %,10.3f ms per customer (p50 %.2f, p95 %.2f; sample %,d), extrapolated to %,d customers: %,.0f s (load %s)%n",
                "A: recompute(customerId) one by one, rolled back", mean(ms), pct(ms, 50), pct(ms, 95), ids.size(), customers,
                mean(ms) * customers / 1000, load());
        for (Dimension dimension : also) {
            b.sql("""
                    with old as (update segment_rule_set set active = false where dimension = :d and active returning *)
                    insert into segment_rule_set (dimension, version, rules, created_at, created_by, active)
                    select dimension, (select max(version) + 1 from segment_rule_set where dimension = :d), rules, now(), 'bench', true
                      from old""").param("d", dimension.name()).update();
            System.out.println("B: load before " + load());
            start = System.nanoTime();
            reportRun("B: %s rule change (new version), %s alone".formatted(dimension, dimension),
                    runs.runRuleChange(dimension, "bench", "rule change: " + dimension + " (bench)"), start);
            System.out.println("   load after " + load());
        }
        for (com.zaxxer.hikari.HikariDataSource pool : pools) {
            pool.close();
        }
    }

    /** VALUE's MIDDLE band from 12,000 instead of 10,000, a new version. */
    private static long changeValueRules(JdbcClient jdbc) {
        return jdbc.sql("""
                with old as (update segment_rule_set set active = false where dimension = 'VALUE' and active returning *)
                insert into segment_rule_set (dimension, version, rules, created_at, created_by, active)
                select dimension, (select max(version) + 1 from segment_rule_set where dimension = 'VALUE'),
                       jsonb_set(jsonb_set(rules, '{bands,0,to}', '12000'), '{bands,1,from}', '12000'), now(), 'bench', true
                  from old returning version""").query(Long.class).single();
    }

    /** Times the steps a run reports as they start. */
    private static final class StepTimes implements java.util.function.Consumer<String> {

        private final StringBuilder done = new StringBuilder();
        private String step;
        private long started;

        @Override
        public void accept(String next) {
            end();
            step = next;
            started = System.nanoTime();
        }

        private void end() {
            if (step != null) {
                done.append(step).append(' ').append(String.format("%,d", (System.nanoTime() - started) / 1_000_000)).append(" ms, ");
                step = null;
            }
        }

        @Override
        public String toString() {
            end();
            return done.toString();
        }
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static String option(String[] args, String name, String otherwise) {
        return java.util.Arrays.stream(args).filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1))
                .findFirst().orElse(otherwise);
    }

    private static void vacuum(JdbcClient jdbc) {
        for (String table : List.of("segment_placement", "segment_recheck", "segment_dirty", "customer_tag")) {
            jdbc.sql("vacuum analyze " + table).update();
        }
    }

    private static void reportRun(String what, SegmentBookRun run, long start) {
        System.out.printf("%-60s %,10d ms  %s, %d chunks, %,d customers · placed %,d · opened %,d · closed %,d · replaced %,d"
                        + " (chunk time %,d ms, resumed %d times)%n", what, (System.nanoTime() - start) / 1_000_000, run.state(),
                run.chunksDone(), run.customersDone(), run.result().placed(), run.result().opened(), run.result().closed(),
                run.result().replaced(), run.took().toMillis(), run.resumes());
    }

    private static List<Double> timeOneByOne(List<Long> ids, TransactionTemplate tx, SegmentRecompute recompute, LocalDate day) {
        List<Double> ms = new ArrayList<>();
        for (long id : ids) {
            long start = System.nanoTime();
            tx.execute(s -> recompute.recompute(List.of(id), day));
            ms.add((System.nanoTime() - start) / 1e6);
        }
        return ms;
    }

    private static double mean(List<Double> ms) {
        return ms.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double pct(List<Double> ms, int p) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static void report(String what, SegmentRecompute.Run run) {
        System.out.printf("%-60s %,10d ms  %s%,d customers · placed %,d · opened %,d · closed %,d · replaced %,d%n", what,
                run.took().toMillis(), run.full() ? "whole book, " : "", run.customers(), run.placed(), run.opened(),
                run.closed(), run.replaced());
    }
}
