package io.insurecrm.coil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Need clusters of the real CoIL 2000 book (9,822 customers of both files): every customer assigned, the segment
 * figures adding up to the summary's totals, a rerun on the same data and seed changing nothing, each cluster followed
 * from the previous finished run (against a count over both runs' members in Java). The book is loaded
 * committed (a load leaves it as the files say, so other tests see the same book).
 */
@SpringBootTest
class CoilClustersTests {

    @Autowired CoilBook book;
    @Autowired CoilClusters clusters;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void realBookLoadedAndNoRunRunning() {
        book.load(Path.of("../shared/data/coil2000"));
        // a load that wrote something starts a run in the background: let it end
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.running().isEmpty());
    }

    private String membersSnapshot(long runId) {
        return jdbc.sql("""
                        select count(*) || ':' || md5(string_agg(source || row_number || ':' || cluster_no || ':' || xmin::text, ','
                                                               order by source, row_number))
                          from coil_cluster_member where run_id = :run""")
                .param("run", runId).query(String.class).single();
    }

    @Test
    void everyCustomerIsAssignedTheFiguresAddUpAndARerunChangesNothing() {
        CoilClusterRun first = clusters.runNow(null, "test: the real book", "test");
        assertThat(first.status()).isIn(CoilClusterRun.Status.FINISHED, CoilClusterRun.Status.UNCHANGED);
        CoilClusterRun current = clusters.current().orElseThrow();
        assertThat(current.customers()).isEqualTo(9822);
        assertThat(current.k()).isBetween(4, 8);
        assertThat(current.kScores()).containsOnlyKeys(4, 5, 6, 7, 8);
        long unassigned = jdbc.sql("""
                        select count(*) from coil_customer c
                         where not exists (select 1 from coil_cluster_member m where m.run_id = :run
                                             and m.source = c.source and m.row_number = c.row_number)""")
                .param("run", current.id()).query(Long.class).single();
        assertThat(unassigned).isZero();

        CoilSummary.Book all = book.summary().all();
        assertThat(all.customers()).isEqualTo(9822);
        CoilSegments segments = clusters.segments();
        assertThat(segments.run().id()).isEqualTo(current.id());
        assertThat(segments.clusters()).hasSize(current.k());
        for (List<CoilSegments.Row> rows : List.of(segments.clusters(), segments.valueBands())) {
            assertThat(rows.stream().mapToLong(CoilSegments.Row::customers).sum()).isEqualTo(all.customers());
            assertThat(rows.stream().mapToLong(CoilSegments.Row::holders).sum()).isEqualTo(all.holders());
            assertThat(rows.stream().mapToLong(CoilSegments.Row::policies).sum()).isEqualTo(all.policies());
        }
        assertThat(segments.valueBands()).extracting(CoilSegments.Row::key).containsExactly("NONE", "LOW", "MIDDLE", "HIGH", "TOP");
        assertThat(segments.valueBands().get(0).policies()).as("no premium band, and no policy counted either").isZero();
        assertThat(segments.clusters()).extracting(CoilSegments.Row::nameZh).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).isNotBlank().doesNotContain("coil."));
        assertThat(segments.clusters()).extracting(CoilSegments.Row::nameEn).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).isNotBlank().doesNotContain("coil."));
        System.out.println("CoIL need clusters, run " + current.id() + ", k " + current.k() + ", silhouette "
                + current.silhouette() + ", scores " + current.kScores());
        for (List<CoilSegments.Row> rows : List.of(segments.clusters(), segments.valueBands())) {
            rows.forEach(r -> System.out.println("  " + r.key() + " | " + r.nameZh() + " | " + r.nameEn() + " | customers "
                    + r.customers() + " holders " + r.holders() + " policies " + r.policies() + " 客均合同 "
                    + r.contractsPerHolder() + " mean premium " + r.meanPremium()));
        }

        // the same data and seed: the run ends UNCHANGED, the current version stays, no member row is rewritten
        String before = membersSnapshot(current.id());
        CoilClusterRun again = clusters.runNow(null, "test: again", "test");
        assertThat(again.status()).isEqualTo(CoilClusterRun.Status.UNCHANGED);
        assertThat(again.unchangedFrom()).isEqualTo(current.id());
        assertThat(clusters.current().orElseThrow().id()).isEqualTo(current.id());
        assertThat(membersSnapshot(current.id())).isEqualTo(before);
    }

    @Test
    void anAskedKGivesThatManyClustersDeterministically() {
        CoilClusterRun five = clusters.runNow(5, "test: k 5", "test");
        List<CoilClusters.Cluster> first = five.status() == CoilClusterRun.Status.FINISHED ? clusters.clusters(five.id())
                : clusters.clusters(five.unchangedFrom());
        assertThat(first).hasSize(5);
        // the same k on other settings' run in between: a new run gives the very same centroids and names
        CoilClusterRun three = clusters.runNow(3, "test: k 3", "test");
        assertThat(three.status()).isEqualTo(CoilClusterRun.Status.FINISHED);
        followedFromThePreviousFinishedRun(three.id());
        CoilClusterRun fiveAgain = clusters.runNow(5, "test: k 5 again", "test");
        assertThat(fiveAgain.status()).isEqualTo(CoilClusterRun.Status.FINISHED);
        followedFromThePreviousFinishedRun(fiveAgain.id());
        // the same clusters; only where each came from in the run before differs (that run was the k = 3 one)
        assertThat(clusters.clusters(fiveAgain.id())).usingRecursiveComparison()
                .ignoringFieldsMatchingRegexes(".*previousClusterNo", ".*carriedShare").isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from coil_cluster_member where run_id = :run").param("run", fiveAgain.id())
                .query(Long.class).single()).isEqualTo(9822);
    }

    private Map<String, Integer> members(long runId) {
        Map<String, Integer> members = new HashMap<>();
        jdbc.sql("select source, row_number, cluster_no from coil_cluster_member where run_id = :run").param("run", runId)
                .query(rs -> {
                    members.put(rs.getString(1) + ":" + rs.getInt(2), rs.getInt(3));
                });
        return members;
    }

    /** Each cluster of a run names the previous finished run's cluster sharing the most members, counted here in Java. */
    private void followedFromThePreviousFinishedRun(long runId) {
        long previous = jdbc.sql("select max(id) from coil_cluster_run where status = 'FINISHED' and id < :run")
                .param("run", runId).query(Long.class).single();
        Map<String, Integer> before = members(previous);
        Map<String, Integer> after = members(runId);
        assertThat(before).hasSize(9822);
        Map<Integer, Map<Integer, Long>> shared = new TreeMap<>();
        Map<Integer, Long> sizes = new TreeMap<>();
        after.forEach((customer, no) -> {
            sizes.merge(no, 1L, Long::sum);
            shared.computeIfAbsent(no, x -> new TreeMap<>()).merge(before.get(customer), 1L, Long::sum);
        });
        record Followed(int clusterNo, Integer previousNo, Double share) {
        }
        List<Followed> stored = jdbc.sql("""
                        select cluster_no, previous_cluster_no, carried_share from coil_cluster where run_id = :run order by cluster_no""")
                .param("run", runId)
                .query((rs, n) -> new Followed(rs.getInt(1), rs.getObject(2, Integer.class), rs.getObject(3, Double.class))).list();
        assertThat(stored).extracting(Followed::clusterNo).containsExactlyElementsOf(sizes.keySet());
        for (Followed cluster : stored) {
            Map<Integer, Long> counts = shared.get(cluster.clusterNo());
            long most = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            int expected = counts.entrySet().stream().filter(e -> e.getValue() == most).mapToInt(Map.Entry::getKey).min().orElseThrow();
            assertThat(cluster.previousNo()).as("cluster %d", cluster.clusterNo()).isEqualTo(expected);
            assertThat(cluster.share()).isCloseTo((double) most / sizes.get(cluster.clusterNo()), within(1e-9));
        }
    }
}
