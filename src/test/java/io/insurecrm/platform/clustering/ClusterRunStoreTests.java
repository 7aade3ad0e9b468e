package io.insurecrm.platform.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The shared run lifecycle on a scratch table shaped like the modules' run tables (LIKE need_cluster_run, so its
 * one-running index too) with one extra column: open, one at a time, progress on the side, FAILED with the work rolled
 * back, FINISHED with the extras, the readers, interrupted runs, members kept for the latest runs, clusters followed
 * from the previous finished run (on scratch cluster and member tables named by two columns, as the CoIL book's).
 */
@SpringBootTest
class ClusterRunStoreTests {

    private static final Instant NOW = Instant.parse("2026-12-02T11:40:12.123Z");

    enum Phase { FEATURES, FIT, DONE }

    record Run(long id, String status, String phase, int progress, Integer requestedK, Integer k, Integer customers,
               Double silhouette, Map<Integer, Double> kScores, String note, String startedBy, Instant startedAt,
               Instant finishedAt, String error) {
    }

    static class Busy extends RunInProgress {
        Busy(long runningId) {
            super("busy " + runningId, runningId);
        }
    }

    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    ClusterRunStore<Run> store;

    @BeforeEach
    void scratchTables() {
        jdbc.sql("drop table if exists store_test_member, store_test_run, store_test_cluster, store_test_cluster_member").update();
        jdbc.sql("create table store_test_cluster (run_id bigint not null, cluster_no smallint not null, "
                + "previous_cluster_no smallint, carried_share float8)").update();
        jdbc.sql("create table store_test_cluster_member (run_id bigint not null, source text not null, row_number int not null, "
                + "cluster_no smallint not null)").update();
        jdbc.sql("create table store_test_run (like need_cluster_run including all, note text)").update();
        jdbc.sql("create table store_test_member (run_id bigint not null, customer_id bigint not null)").update();
        store = new ClusterRunStore<>(jdbc, transactions, Clock.fixed(NOW, ZoneId.of("Asia/Shanghai")), "store_test_run",
                List.of("sample_size", "sampled", "note"),
                (c, rs) -> new Run(c.id(), c.status(), c.phase(), c.progress(), c.requestedK(), c.k(), c.customers(),
                        c.silhouette(), c.kScores(), rs.getString("note"), c.startedBy(), c.startedAt(), c.finishedAt(), c.error()),
                Busy::new);
    }

    @AfterEach
    void dropScratchTables() {
        jdbc.sql("drop table if exists store_test_member, store_test_run, store_test_cluster, store_test_cluster_member").update();
    }

    private long open(String note) {
        return store.open(null, 42L, new String[] {"A", "B"}, "tester", Map.of("sample_size", 100, "note", note));
    }

    @Test
    void aRunOpensRunningAndASecondIsRefusedWithTheRunningId() {
        long id = open("first");

        Run run = store.run(id).orElseThrow();
        assertThat(run.status()).isEqualTo("RUNNING");
        assertThat(run.phase()).isEqualTo("FEATURES");
        assertThat(run.progress()).isZero();
        assertThat(run.requestedK()).isNull();
        assertThat(run.note()).isEqualTo("first");
        assertThat(run.startedBy()).isEqualTo("tester");
        assertThat(run.startedAt()).isEqualTo(NOW);
        assertThat(store.running()).contains(run);
        assertThat(store.current()).isEmpty();
        assertThatThrownBy(() -> open("second")).isInstanceOf(Busy.class)
                .satisfies(e -> assertThat(((Busy) e).runningId()).isEqualTo(id));
    }

    @Test
    void progressIsCommittedOnTheSideAndAFailureRollsTheWorkBackAndIsRecorded() {
        long id = open("failing");

        assertThatThrownBy(() -> store.execute(id, () -> {
            jdbc.sql("insert into store_test_member values (:run, 1)").param("run", id).update();
            store.progress(id, Phase.FIT, 40);
            throw new IllegalStateException("x".repeat(3000));
        })).isInstanceOf(IllegalStateException.class);

        Run run = store.run(id).orElseThrow();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.phase()).isEqualTo("FIT");
        assertThat(run.progress()).isEqualTo(40);
        assertThat(run.error()).startsWith("IllegalStateException: xxx").hasSize(2000);
        assertThat(jdbc.sql("select count(*) from store_test_member").query(Long.class).single()).isZero();
        assertThat(store.running()).isEmpty();
    }

    @Test
    void aFinishedRunIsCurrentWithItsFiguresAndTheModulesExtras() {
        long id = open("finishing");

        store.execute(id, () -> store.finish(id, new ClusterRunStore.Finished(3, 250, new double[] {1.5, Double.NaN},
                new double[] {0.5, 1}, 0.41, Map.of(2, 0.3, 3, 0.41)), Map.of("sampled", 200)));

        Run run = store.current().orElseThrow();
        assertThat(run.id()).isEqualTo(id);
        assertThat(run.status()).isEqualTo("FINISHED");
        assertThat(run.phase()).isEqualTo("DONE");
        assertThat(run.progress()).isEqualTo(100);
        assertThat(run.k()).isEqualTo(3);
        assertThat(run.customers()).isEqualTo(250);
        assertThat(run.silhouette()).isEqualTo(0.41);
        assertThat(run.kScores()).containsExactly(Map.entry(2, 0.3), Map.entry(3, 0.41));
        assertThat(run.finishedAt()).isEqualTo(NOW);
        assertThat(jdbc.sql("select sampled from store_test_run where id = :id").param("id", id).query(Integer.class).single())
                .isEqualTo(200);
        assertThat(jdbc.sql("select array_to_string(feature_means, ',', 'null') from store_test_run where id = :id")
                .param("id", id).query(String.class).single()).isEqualTo("1.5,null");
    }

    @Test
    void runsAreListedNewestFirstAndInterruptedOnesFailed() {
        long first = open("one");
        store.execute(first, () -> store.finish(first, new ClusterRunStore.Finished(2, 10, new double[] {1}, new double[] {1},
                0.2, Map.of()), Map.of()));
        long second = open("two");

        assertThat(store.runs(10)).extracting(Run::id).containsExactly(second, first);
        assertThat(store.runs(1)).extracting(Run::id).containsExactly(second);
        assertThat(store.run(first).orElseThrow().kScores()).isEmpty();
        // the run this store opened is alive: the instance that opened it does not fail it (the demo start-up opens a
        // CoIL run before the application is ready); an instance started after it does
        assertThat(store.failInterrupted()).isZero();
        assertThat(store.run(second).orElseThrow().status()).isEqualTo("RUNNING");
        assertThat(later().failInterrupted()).isEqualTo(1);
        assertThat(store.run(second).orElseThrow().error()).isEqualTo("interrupted: the application stopped");
        assertThat(store.current().orElseThrow().id()).isEqualTo(first);
    }

    @Test
    void aRunAnotherInstanceIsStillWorkingOnIsNotFailedAsInterrupted() throws Exception {
        long working = open("working");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> store.execute(working, () -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        worker.start();
        try {
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            // an instance started an hour later: the run was opened before it, but its work lock is held
            assertThat(later().failInterrupted()).isZero();
            assertThat(store.run(working).orElseThrow().status()).isEqualTo("RUNNING");
        } finally {
            release.countDown();
            worker.join(30_000);
        }
        // the work ended without finishing the run (as if its instance had died after its transaction): now interrupted
        assertThat(later().failInterrupted()).isEqualTo(1);
        assertThat(store.run(working).orElseThrow().status()).isEqualTo("FAILED");
    }

    private ClusterRunStore<Run> later() {
        return new ClusterRunStore<>(jdbc, transactions, Clock.fixed(NOW.plusSeconds(3600), ZoneId.of("Asia/Shanghai")),
                "store_test_run", List.of("sample_size", "sampled", "note"),
                (c, rs) -> new Run(c.id(), c.status(), c.phase(), c.progress(), c.requestedK(), c.k(), c.customers(),
                        c.silhouette(), c.kScores(), rs.getString("note"), c.startedBy(), c.startedAt(), c.finishedAt(), c.error()),
                Busy::new);
    }

    @Test
    void membersAreKeptForTheLatestFinishedRunsOnly() {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = open("run " + i);
            store.execute(id, () -> {
                jdbc.sql("insert into store_test_member values (:run, 1)").param("run", id).update();
                store.finish(id, new ClusterRunStore.Finished(2, 1, new double[] {1}, new double[] {1}, 0.1, Map.of()), Map.of());
                store.keepMembersOfLatest("store_test_member", 2);
            });
            ids.add(id);
        }

        assertThat(jdbc.sql("select run_id from store_test_member order by run_id").query(Long.class).list())
                .containsExactly(ids.get(1), ids.get(2));
    }

    /** A cluster as followed from the previous run. */
    record Followed(int clusterNo, Integer previousClusterNo, Double carriedShare) {
    }

    /**
     * Finishes a run whose clusters have these members (cluster number to members "X1", "Y2": source and row), following
     * its clusters from the previous finished run; returns how many clusters were matched.
     */
    private int finishedRun(String note, Map<Integer, List<String>> members) {
        long id = open(note);
        int[] matched = new int[1];
        store.execute(id, () -> {
            members.forEach((no, names) -> {
                jdbc.sql("insert into store_test_cluster (run_id, cluster_no) values (:run, :no)").param("run", id).param("no", no)
                        .update();
                for (String name : names) {
                    jdbc.sql("insert into store_test_cluster_member values (:run, :source, :row, :no)").param("run", id)
                            .param("source", name.substring(0, 1)).param("row", Integer.parseInt(name.substring(1))).param("no", no)
                            .update();
                }
            });
            matched[0] = store.followPrevious("store_test_cluster", "store_test_cluster_member", List.of("source", "row_number"), id);
            store.finish(id, new ClusterRunStore.Finished(members.size(), members.values().stream().mapToInt(List::size).sum(),
                    new double[] {1}, new double[] {1}, 0.1, Map.of()), Map.of());
        });
        return matched[0];
    }

    private List<Followed> followed() {
        return jdbc.sql("""
                        select cluster_no, previous_cluster_no, round(carried_share::numeric, 4)::float8 as share
                          from store_test_cluster where run_id = (select max(id) from store_test_run) order by cluster_no""")
                .query((rs, n) -> new Followed(rs.getInt(1), rs.getObject(2, Integer.class), rs.getObject(3, Double.class))).list();
    }

    @Test
    void eachClusterIsFollowedToThePreviousFinishedRunsClusterSharingTheMostMembers() {
        Map<Integer, List<String>> first = Map.of(
                1, List.of("X1", "X2", "X3", "X4", "X5"),
                2, List.of("X6", "X7", "X8"),
                3, List.of("Y1", "Y2"));
        assertThat(finishedRun("first", first)).isZero();
        assertThat(followed()).as("a first run: nothing to follow")
                .containsExactly(new Followed(1, null, null), new Followed(2, null, null), new Followed(3, null, null));

        // a failed run in between is not the previous run
        long failed = open("failed");
        assertThatThrownBy(() -> store.execute(failed, () -> {
            throw new IllegalStateException("planted");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(finishedRun("second", Map.of(
                1, List.of("X1", "X2", "X3", "X4", "X6", "Z1"),   // 4 of 6 from cluster 1
                2, List.of("X5", "X7"),                           // 1 from cluster 1, 1 from cluster 2: the lower number
                3, List.of("Z2", "Z3"),                           // all new
                4, List.of("Y1", "Y2", "X8")))).isEqualTo(3);     // 2 from cluster 3 (not X1, X2: the source counts)
        assertThat(followed()).containsExactly(
                new Followed(1, 1, 0.6667), new Followed(2, 1, 0.5), new Followed(3, null, null), new Followed(4, 3, 0.6667));

        // the same members again: every cluster followed to itself, whole, and only to the run just before
        assertThat(finishedRun("third", Map.of(
                1, List.of("X1", "X2", "X3", "X4", "X6", "Z1"),
                2, List.of("X5", "X7"),
                3, List.of("Z2", "Z3"),
                4, List.of("Y1", "Y2", "X8")))).isEqualTo(4);
        assertThat(followed()).containsExactly(
                new Followed(1, 1, 1.0), new Followed(2, 2, 1.0), new Followed(3, 3, 1.0), new Followed(4, 4, 1.0));
        assertThatThrownBy(() -> store.followPrevious("store_test_cluster", "store_test_cluster_member",
                List.of("row_number; drop table x"), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesMustBePlainIdentifiers() {
        assertThatThrownBy(() -> new ClusterRunStore<>(jdbc, transactions, Clock.systemUTC(), "need_cluster_run; drop table x",
                List.of(), (c, rs) -> c, Busy::new)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterRunStore<>(jdbc, transactions, Clock.systemUTC(), "need_cluster_run",
                List.of("k_scores::text"), (c, rs) -> c, Busy::new)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.keepMembersOfLatest("x where true or", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
