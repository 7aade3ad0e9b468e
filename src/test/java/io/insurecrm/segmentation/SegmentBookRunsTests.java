package io.insurecrm.segmentation;

import static io.insurecrm.fixtures.BookFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.insurecrm.fixtures.BookFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chunked, resumable whole-book runs against PostgreSQL. Every run commits chunk by chunk, so these tests run on a
 * database of their own (created on the test server, migrated, dropped at the end), where the book is exactly the
 * customers below and the placement tables can be compared whole. Chunks of 3 customers: 13 customers are 5 chunks.
 * The reference for every result is the single-transaction whole-book run ({@link SegmentRecompute#recomputeAll(LocalDate)})
 * of the same day from the same state, computed in a transaction that is rolled back.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentBookRunsTests {

    static final LocalDate DAY = LocalDate.of(2026, 6, 1);
    static final LocalDate LATER = LocalDate.of(2029, 6, 15);   // every age and window has moved on: every customer changes
    static final LocalDate NEXT = DAY.plusDays(1);
    static final int CHUNK = 3;

    @Autowired DataSource shared;

    String database;
    HikariDataSource own;
    JdbcClient jdbc;
    TransactionTemplate transactions;
    final MovingClock clock = new MovingClock();
    SegmentRecompute recompute;
    SegmentBookRuns runs;
    List<Long> customers;

    @BeforeAll
    void ownDatabase() throws java.sql.SQLException {
        HikariDataSource pool = shared.unwrap(HikariDataSource.class);
        database = "segment_book_runs_" + Long.toHexString(System.nanoTime());
        JdbcClient.create(shared).sql("create database " + database).update();
        own = new HikariDataSource();
        own.setJdbcUrl(pool.getJdbcUrl().replaceFirst("(//[^/]+/)[^?]*", "$1" + database));
        own.setUsername(pool.getUsername());
        own.setPassword(pool.getPassword());
        own.setMaximumPoolSize(6);
        Flyway.configure().dataSource(own).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        jdbc = JdbcClient.create(own);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(own));
    }

    @AfterAll
    void dropIt() {
        own.close();
        JdbcClient.create(shared).sql("drop database if exists " + database + " with (force)").update();
    }

    /** A fresh book of 13 customers, placed on {@link #DAY} by a whole-book run. */
    @BeforeEach
    void aPlacedBook() {
        jdbc.sql("truncate segment_book_run, segment_placement, segment_recheck, segment_batch, segment_dirty, customer_tag, "
                + "interaction, claim, policy, household_member, household, customer cascade").update();
        clock.set(DAY);
        recompute = new SegmentRecompute(jdbc, clock);
        runs = instance();
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long medical = book.product("分批医疗险", "Chunk medical", "MEDICAL", "BASIC");
        long home = book.product("分批家财险", "Chunk home", "HOME_PROPERTY", null);
        customers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long id = book.individual("分批客户" + i, DAY.minusYears(20 + 4L * i).minusDays(3L * i), i % 2 == 0, "33", agent);
            jdbc.sql("update customer set marital_status = :m where id = :id").param("m", i % 3 == 0 ? "MARRIED" : "SINGLE")
                    .param("id", id).update();
            customers.add(id);
            if (i % 2 == 0) {
                book.policy(id, medical, "ACTIVE", DAY.minusMonths(6), DAY.plusMonths(6 + i), String.valueOf(3_000 * (i + 1) * (i + 1)));
            }
            if (i % 3 == 1) {
                long policy = book.policy(id, home, "ACTIVE", DAY.minusYears(1), DAY.plusYears(2), "4000");
                book.claim(policy, DAY.minusMonths(2), "1000", "REPORTED");
            }
            if (i % 4 == 0) {
                book.interaction(id, "CONSULTATION", at(DAY.minusDays(10L * i) + "T10:00:00"), null);
            }
        }
        long firm = book.corporate("分批企业", "33", agent);
        book.policy(firm, home, "ACTIVE", DAY.minusMonths(1), DAY.plusMonths(11), "120000");
        customers.add(firm);
        long household = book.household("分批家庭", customers.get(3));
        book.member(household, customers.get(0), "CHILD");
        customers.sort(Long::compareTo);

        SegmentBookRun first = runs.runNow("test", "first placement");
        assertThat(first.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
        assertThat(first.chunksDone()).isEqualTo(5);
        assertThat(first.customersDone()).isEqualTo(13);
        clock.set(LATER);
    }

    SegmentBookRuns instance() {
        return new SegmentBookRuns(recompute, jdbc, own, new DataSourceTransactionManager(own), clock, CHUNK);
    }

    @Test
    void aFailedChunkKeepsTheChunksBeforeItAndTheResumedRunEndsAsAnUninterruptedRunWould() {
        // writes since the last run: marks in the first chunk and in the last one
        long inFirstChunk = customers.get(1), inLastChunk = customers.get(12);
        new BookFixtures(jdbc).interaction(inFirstChunk, "SURVEY", at(LATER.minusDays(2) + "T09:00:00"), null);
        new BookFixtures(jdbc).interaction(inLastChunk, "SURVEY", at(LATER.minusDays(3) + "T09:00:00"), null);
        Book reference = uninterrupted(LATER);
        Book before = book();
        for (long customer : customers) {
            assertThat(current(reference, customer)).as("customer %d changes", customer).isNotEqualTo(current(before, customer));
        }

        runs.hook((run, chunk) -> {
            if (chunk == 3) {
                throw new IllegalStateException("chunk 3 broke");
            }
        });
        assertThatThrownBy(() -> runs.runNow("test", "after the claims import")).hasMessage("chunk 3 broke");

        SegmentBookRun failed = runs.latest().orElseThrow();
        assertThat(failed.state()).isEqualTo(SegmentBookRun.State.FAILED);
        assertThat(failed.failure()).isEqualTo("chunk 3 broke");
        assertThat(failed.chunksDone()).isEqualTo(2);
        assertThat(failed.lastCustomerId()).isEqualTo(customers.get(5));
        assertThat(failed.customersDone()).isEqualTo(6);
        assertThat(failed.resumable()).isTrue();
        // the two committed chunks are placed for the new day, as the uninterrupted run places them; the rest as before
        for (long customer : customers) {
            boolean committed = customer <= failed.lastCustomerId();
            assertThat(current(book(), customer)).as("customer %d", customer)
                    .isEqualTo(current(committed ? reference : before, customer));
        }
        assertThat(marked()).as("the mark of the committed chunk is consumed, the failed one's is kept").containsExactly(inLastChunk);

        runs.hook((run, chunk) -> { });
        SegmentBookRun resumed = runs.resumeNow(failed.id(), "test", "after the fix");

        assertThat(resumed.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
        assertThat(resumed.resumes()).isEqualTo(1);
        assertThat(resumed.chunksDone()).isEqualTo(5);
        assertThat(resumed.customersDone()).isEqualTo(13);
        assertThat(book()).isEqualTo(reference);
        assertThat(marked()).isEmpty();
        assertThat(jdbc.sql("select day from segment_batch").query(LocalDate.class).single()).isEqualTo(LATER);

        // resuming the completed run is refused, and a new run writes nothing
        assertThatThrownBy(() -> runs.resumeNow(resumed.id(), "test", "again"))
                .isInstanceOf(SegmentBookRuns.Refused.class).hasMessage("segmentation.recompute.completed");
        SegmentBookRun again = runs.runNow("test", "once more");
        assertThat(again.result().opened() + again.result().closed() + again.result().replaced()).isZero();
        assertThat(book()).isEqualTo(reference);
    }

    @Test
    void aRunWhoseInstanceDiedIsShownInterruptedAndResumedAtStart() {
        Book reference = uninterrupted(LATER);
        runs.hook((run, chunk) -> {
            if (chunk == 2) {
                // the instance dies: its connection (and the run's owner lock with it) is gone before it records anything
                JdbcClient.create(own).sql("""
                                select pg_terminate_backend(pid) from pg_locks
                                 where locktype = 'advisory' and classid::bigint = :lockClass and objid::bigint = :run and objsubid = 2""")
                        .param("lockClass", SegmentBookRuns.LOCK_CLASS).param("run", run).query().listOfRows();
                throw new IllegalStateException("killed");
            }
        });
        assertThatThrownBy(() -> runs.runNow("test", "killed mid-way")).hasMessage("killed");

        SegmentBookRun interrupted = instance().latest().orElseThrow();
        assertThat(interrupted.state()).as("seen from any instance").isEqualTo(SegmentBookRun.State.INTERRUPTED);
        assertThat(interrupted.failure()).isNull();
        assertThat(interrupted.chunksDone()).isEqualTo(1);
        assertThat(interrupted.lastCustomerId()).isEqualTo(customers.get(2));
        assertThat(jdbc.sql("select state from segment_book_run where id = :id").param("id", interrupted.id())
                .query(String.class).single()).as("as the dead instance left it").isEqualTo("RUNNING");

        SegmentBookRuns restarted = instance();
        SegmentBookRun resumed = restarted.resumeInterrupted("system").orElseThrow();

        assertThat(resumed.id()).isEqualTo(interrupted.id());
        assertThat(resumed.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
        assertThat(resumed.resumedBy()).isEqualTo("system");
        assertThat(book()).isEqualTo(reference);
        assertThat(restarted.resumeInterrupted("system")).as("nothing left to resume").isEmpty();
    }

    @Test
    void oneRunAtATimeAcrossInstancesAndTheNightlyRunWaitsItsTurn() throws Exception {
        CountDownLatch inChunk = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        runs.hook((run, chunk) -> {
            if (chunk == 2) {
                inChunk.countDown();
                await(goOn);
            }
        });
        SegmentBookRun started = runs.start("analyst", "after the claims import").orElseThrow();
        assertThat(started.running()).isTrue();
        assertThat(started.customersTotal()).isEqualTo(13);
        await(inChunk);

        SegmentBookRuns other = instance();
        SegmentBookRun seen = other.latest().orElseThrow();
        assertThat(seen.id()).isEqualTo(started.id());
        assertThat(seen.state()).as("alive: its owner holds the lock").isEqualTo(SegmentBookRun.State.RUNNING);
        assertThat(seen.chunksDone()).isEqualTo(1);
        assertThat(seen.step()).isEqualTo("tags");
        assertThat(seen.progressPercent()).isBetween(23, 99);
        assertThat(other.start("admin", "again")).isEmpty();
        assertThatThrownBy(() -> other.resume(started.id(), "admin", "resume it")).isInstanceOf(SegmentBookRuns.Refused.class)
                .hasMessage("segmentation.recompute.alreadyRunning");
        assertThat(other.nightly()).as("the nightly run is skipped beside a whole-book run").isEmpty();

        goOn.countDown();
        SegmentBookRun done = finished(other, started.id());
        assertThat(done.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
        assertThat(done.progressPercent()).isEqualTo(100);
        assertThat(done.result().customers()).isEqualTo(13);

        awaitBookFree();   // the row says COMPLETED once the last chunk commits; the owner lets go of the book just after
        SegmentRecompute.Run nightly = other.nightly().orElseThrow();
        assertThat(nightly.full()).as("after a whole-book run of the day, the nightly run is incremental").isFalse();
        assertThat(nightly.opened() + nightly.closed() + nightly.replaced()).isZero();
    }

    @Test
    void aResumeUnderOtherRulesStartsFromTheFirstCustomerAgain() {
        runs.hook((run, chunk) -> {
            if (chunk == 2) {
                throw new IllegalStateException("chunk 2 broke");
            }
        });
        assertThatThrownBy(() -> runs.runNow("test", "broken")).hasMessage("chunk 2 broke");
        runs.hook((run, chunk) -> { });
        jdbc.sql("""
                insert into segment_rule_set (dimension, version, rules, created_at, created_by, active)
                select dimension, version + 1000, jsonb_set(rules, '{seniorFrom}', '55'), now(), 'test', false
                  from segment_rule_set where dimension = 'LIFE_STAGE' and active""").update();
        jdbc.sql("update segment_rule_set set active = false where dimension = 'LIFE_STAGE' and version < 1000").update();
        jdbc.sql("update segment_rule_set set active = true where dimension = 'LIFE_STAGE' and version > 1000").update();
        Book reference = uninterrupted(LATER);

        SegmentBookRun resumed = runs.resumeNow(runs.latest().orElseThrow().id(), "test", "new rules");

        assertThat(resumed.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
        assertThat(resumed.chunksDone()).as("all five chunks again").isEqualTo(5);
        assertThat(book()).isEqualTo(reference);
    }

    /**
     * A book the chunk size divides exactly ends with a full chunk: 13 customers in chunks of 13 are one chunk, in chunks
     * of 1 thirteen, and no empty chunk after them (the 1M book in chunks of 100,000 ran an 11th, empty one).
     */
    @Test
    void aChunkSizeThatDividesTheBookRunsNoEmptyLastChunk() {
        Book reference = uninterrupted(LATER);
        List<Integer> chunks = new ArrayList<>();
        for (int size : new int[] {13, 1}) {
            SegmentBookRuns exact = new SegmentBookRuns(recompute, jdbc, own, new DataSourceTransactionManager(own), clock, size);
            List<Integer> seen = new ArrayList<>();
            exact.hook((run, chunk) -> seen.add(chunk));

            SegmentBookRun run = exact.runNow("test", "chunks of " + size);

            assertThat(run.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
            assertThat(run.chunksDone()).as("chunks of %d", size).isEqualTo(13 / size);
            assertThat(seen).as("chunks of %d run", size).hasSize(13 / size);
            assertThat(run.customersDone()).isEqualTo(13);
            assertThat(run.lastCustomerId()).isEqualTo(customers.get(12));
            assertThat(book()).isEqualTo(reference);
            chunks.add(run.chunksDone());
        }
        assertThat(chunks).containsExactly(1, 13);
    }

    /**
     * A rule change of each dimension in turn (a new version; VALUE's with HIGH from 150,000, which moves two customers
     * and their HIGH_VALUE tags), and of the tag rules, on the day after the book was placed: each run re-places only its
     * dimension and leaves exactly what the whole-book run of that day leaves (placements with their history, rule tags,
     * due days); the other dimensions' rows are the same rows; the manual tag stays; a second run changes nothing; the
     * nightly run after it is incremental.
     */
    @Test
    void aRuleChangeRePlacesOnlyItsDimensionAndLeavesWhatTheWholeBookRunLeaves() {
        clock.set(NEXT);
        assertThat(uninterrupted(NEXT)).as("nothing changes by time alone on the next day").isEqualTo(book());
        long manual = customers.get(4);
        jdbc.sql("""
                insert into customer_tag (customer_id, tag_dimension, tag, source, note, created_by, created_at)
                values (:c, 'VALUE', 'HIGH_VALUE', 'MANUAL', 'met at the fair', 'analyst', now())""").param("c", manual).update();

        // a tag rule of another dimension making a tag a VALUE rule makes too: a VALUE run must not lose it
        changeTagRules("""
                jsonb_set(jsonb_set(rules, '{tags}', rules -> 'tags' || jsonb_build_array(jsonb_build_object('tagDimension', 'VALUE',
                    'tag', 'HIGH_VALUE', 'whenDimension', 'LIFE_STAGE', 'whenSegments', jsonb_build_array('SENIOR', 'CORPORATE')))),
                    '{tags,0,whenSegments}', '["HIGH", "MIDDLE"]')""");
        ruleChangeLeavesWhatTheWholeBookLeaves(null);
        changeRules("VALUE", "jsonb_set(jsonb_set(rules, '{bands,1,to}', '150000'), '{bands,2,from}', '150000')");
        ruleChangeLeavesWhatTheWholeBookLeaves(Dimension.VALUE);
        for (Dimension dimension : List.of(Dimension.LIFE_STAGE, Dimension.BEHAVIOUR, Dimension.RISK, Dimension.DYNAMIC)) {
            changeRules(dimension.name(), "rules");
            ruleChangeLeavesWhatTheWholeBookLeaves(dimension);
        }

        assertThat(jdbc.sql("select count(*) from customer_tag where source = 'MANUAL' and removed_at is null and customer_id = :c")
                .param("c", manual).query(Long.class).single()).as("the manual tag").isEqualTo(1);
        assertThat(jdbc.sql("""
                select count(*) from segment_recheck
                 where due is distinct from least(value_until, life_stage_until, behaviour_until, risk_until, dynamic_until)""")
                .query(Long.class).single()).as("due is the least of the dimensions' days").isZero();
        assertThat(recompute.wholeBookDue(NEXT)).isFalse();
        SegmentRecompute.Run nightly = runs.nightly().orElseThrow();
        assertThat(nightly.full()).as("the nightly run after rule-change runs is incremental").isFalse();
        assertThat(nightly.opened() + nightly.closed() + nightly.replaced()).isZero();
    }

    void ruleChangeLeavesWhatTheWholeBookLeaves(Dimension dimension) {
        String which = dimension == null ? "TAGS" : dimension.name();
        Book reference = uninterrupted(NEXT);
        List<Map<String, Object>> others = jdbc.sql("""
                select id, customer_id, dimension, valid_from, valid_to from segment_placement where dimension <> :d order by id""")
                .param("d", which).query().listOfRows();

        SegmentBookRun run = runs.runRuleChange(dimension, "analyst", "rule change: " + which);

        assertThat(run.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
        assertThat(run.progressPercent()).isEqualTo(100);
        assertThat(jdbc.sql("select dimension from segment_book_run where id = :id").param("id", run.id()).query(String.class)
                .single()).as("a run of %s alone", which).isEqualTo(which);
        assertThat(run.dimension()).as("the record carries the dimension").isEqualTo(which);
        assertThat(run.ruleChange()).isTrue();
        assertThat(run.stepNames()).isEqualTo(SegmentRecompute.ruleChangeSteps(dimension));
        assertThat(run.steps()).isEqualTo(dimension == null ? 1 : 5);
        assertThat(runs.latest().orElseThrow().dimension()).as("the latest run as the page reads it").isEqualTo(which);
        assertThat(book()).as("%s: as the whole-book run", which).isEqualTo(reference);
        assertThat(jdbc.sql("""
                select id, customer_id, dimension, valid_from, valid_to from segment_placement where dimension <> :d order by id""")
                .param("d", which).query().listOfRows()).as("%s: the other dimensions' rows untouched", which).isEqualTo(others);
        if (dimension != null) {
            assertThat(run.result().placed()).as("%s: every customer staged once", which).isEqualTo(13);
            assertThat(run.result().opened()).as("%s: the new version opens every customer's row", which).isEqualTo(13);
            assertThat(run.result().closed()).isEqualTo(13);
            assertThat(jdbc.sql("""
                    select count(*) from segment_placement where dimension = :d and valid_to = :day""")
                    .param("d", which).param("day", NEXT).query(Long.class).single()).as("%s: closed on the day", which).isEqualTo(13);
        }
        SegmentBookRun again = runs.runRuleChange(dimension, "analyst", "rule change: " + which + " again");
        assertThat(again.result().opened() + again.result().closed() + again.result().replaced()).isZero();
        assertThat(book()).as("%s: a second run changes nothing", which).isEqualTo(reference);
    }

    @Test
    void aFailedRuleChangeRunLeavesThePreviousPlacementsAndIsResumedAsAWholeBookRun() {
        clock.set(NEXT);
        changeRules("VALUE", "jsonb_set(jsonb_set(rules, '{bands,1,to}', '150000'), '{bands,2,from}', '150000')");
        Book reference = uninterrupted(NEXT);
        Book before = book();
        runs.hook((run, chunk) -> {
            throw new IllegalStateException("the VALUE run broke");
        });

        assertThatThrownBy(() -> runs.runRuleChange(Dimension.VALUE, "analyst", "rule change: VALUE"))
                .hasMessage("the VALUE run broke");

        SegmentBookRun failed = runs.latest().orElseThrow();
        assertThat(failed.state()).isEqualTo(SegmentBookRun.State.FAILED);
        assertThat(failed.dimension()).isEqualTo("VALUE");
        assertThat(failed.step()).as("the step it had reached").isEqualTo("tags");
        assertThat(book()).isEqualTo(before);
        assertThat(recompute.wholeBookDue(NEXT)).as("the new rules are not recorded as placed").isTrue();
        runs.hook((run, chunk) -> { });
        SegmentBookRun resumed = runs.resumeNow(failed.id(), "analyst", "after the fix");
        assertThat(resumed.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
        assertThat(resumed.chunksDone()).as("the whole book, chunked").isEqualTo(5);
        assertThat(resumed.dimension()).as("resumed as a whole-book run").isNull();
        assertThat(resumed.ruleChange()).isFalse();
        assertThat(resumed.stepNames()).isEqualTo(SegmentRecompute.STEPS);
        assertThat(book()).isEqualTo(reference);
    }

    @Test
    void aRuleChangeWhenAnotherDimensionsRulesChangedTooRunsTheWholeBook() {
        clock.set(NEXT);
        changeRules("LIFE_STAGE", "jsonb_set(rules, '{seniorFrom}', '55')");
        changeRules("VALUE", "jsonb_set(jsonb_set(rules, '{bands,1,to}', '150000'), '{bands,2,from}', '150000')");
        Book reference = uninterrupted(NEXT);

        SegmentBookRun run = runs.runRuleChange(Dimension.VALUE, "analyst", "rule change: VALUE");

        assertThat(run.chunksDone()).isEqualTo(5);
        assertThat(run.dimension()).isNull();
        assertThat(jdbc.sql("select dimension from segment_book_run where id = :id").param("id", run.id()).query(String.class)
                .optional()).isEmpty();
        assertThat(book()).isEqualTo(reference);
    }

    @Test
    void aBookPlacedWithoutARecordedRunIsStillChangedByDimension() {
        clock.set(NEXT);
        jdbc.sql("truncate segment_book_run").update();   // as the single-transaction run (or a nightly run) leaves it
        changeRules("RISK", "rules");
        Book reference = uninterrupted(NEXT);

        SegmentBookRun run = runs.runRuleChange(Dimension.RISK, "analyst", "rule change: RISK");

        assertThat(jdbc.sql("select dimension from segment_book_run where id = :id").param("id", run.id()).query(String.class)
                .single()).isEqualTo("RISK");
        assertThat(book()).isEqualTo(reference);
    }

    /** A new active version of a dimension's rules: {@code rules} an expression of the active version's rules. */
    void changeRules(String dimension, String rules) {
        jdbc.sql("""
                with old as (update segment_rule_set set active = false where dimension = :d and active returning *)
                insert into segment_rule_set (dimension, version, rules, created_at, created_by, active)
                select dimension, (select max(version) + 1 from segment_rule_set where dimension = :d), %s, now(), 'test', true
                  from old""".formatted(rules)).param("d", dimension).update();
    }

    void changeTagRules(String rules) {
        jdbc.sql("""
                with old as (update tag_rule_set set active = false where active returning *)
                insert into tag_rule_set (version, rules, created_at, created_by, active)
                select (select max(version) + 1 from tag_rule_set), %s, now(), 'test', true from old""".formatted(rules)).update();
    }

    /** What the single-transaction whole-book run of {@code day} leaves, in a transaction rolled back. */
    Book uninterrupted(LocalDate day) {
        return transactions.execute(status -> {
            recompute.recomputeAll(day);
            Book book = book();
            status.setRollbackOnly();
            return book;
        });
    }

    record Book(List<Map<String, Object>> placements, List<Map<String, Object>> tags, List<Map<String, Object>> dues) {
    }

    Book book() {
        return new Book(jdbc.sql("""
                        select customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args::text, valid_from, valid_to
                          from segment_placement order by customer_id, dimension, valid_from""").query().listOfRows(),
                jdbc.sql("""
                        select customer_id, tag_dimension, tag, tag_rule_set_id, reason_key, reason_args::text, removed_at
                          from customer_tag where source = 'RULE' order by customer_id, tag_dimension, tag, created_at""")
                        .query().listOfRows(),
                jdbc.sql("""
                        select customer_id, due, value_until, life_stage_until, behaviour_until, risk_until, dynamic_until
                          from segment_recheck order by customer_id""").query().listOfRows());
    }

    static List<Map<String, Object>> current(Book book, long customer) {
        return book.placements().stream().filter(row -> ((Number) row.get("customer_id")).longValue() == customer)
                .filter(row -> row.get("valid_to") == null).toList();
    }

    List<Long> marked() {
        return jdbc.sql("select distinct customer_id from segment_dirty order by 1").query(Long.class).list();
    }

    void awaitBookFree() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jdbc.sql("""
                select exists (select 1 from pg_locks where locktype = 'advisory' and classid::bigint = :lockClass
                                                        and objid = 0 and objsubid = 2)""")
                .param("lockClass", SegmentBookRuns.LOCK_CLASS).query(Boolean.class).single()) {
            assertThat(System.nanoTime()).as("the book is let go of within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static SegmentBookRun finished(SegmentBookRuns runs, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            SegmentBookRun run = runs.find(id).orElseThrow();
            if (!run.running()) {
                return run;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("run " + id + " did not finish within 30 s");
    }

    /** A clock set to noon (UTC) of a day. */
    static final class MovingClock extends Clock {

        private volatile Instant now = Instant.EPOCH;

        void set(LocalDate day) {
            now = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
