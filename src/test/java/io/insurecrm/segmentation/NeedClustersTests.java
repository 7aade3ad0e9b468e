package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Need-cluster runs against PostgreSQL, over the whole (shared) test book plus a planted one with distinct needs:
 * every customer assigned exactly once, a rerun giving the same assignment, a failed run leaving the current one, the
 * silhouette choice of k, one run at a time, the feature SQL on planted customers, and each cluster followed from the
 * previous finished run (checked against a count over the members in Java).
 */
@SpringBootTest
class NeedClustersTests {

    @Autowired NeedClusters clusters;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    final List<Long> families = new ArrayList<>();
    final List<Long> seniors = new ArrayList<>();
    final List<Long> firms = new ArrayList<>();
    final List<Long> children = new ArrayList<>();
    long merged;
    long withdrawn;

    private void analyticsConsent(long customer, boolean granted, String at) {
        jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        values (:customer, 'ANALYTICS', :granted, 'PAPER_FORM', 'clusters', cast(:at as timestamptz), 'test')""")
                .param("customer", customer).param("granted", granted).param("at", at).update();
    }

    /**
     * Three kinds of need, eight identical customers each (identical features: one cluster whatever the rest of the
     * book), with analytics consent; their children without it; young singles of different ages with it.
     */
    @BeforeEach
    void aPlantedBook() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        LocalDate today = LocalDate.now();
        long critical = book.product("聚类重疾险", "Cluster CI", "CRITICAL_ILLNESS", "ADVANCED");
        long medical = book.product("聚类医疗险", "Cluster medical", "MEDICAL", "BASIC");
        long care = book.product("聚类护理险", "Cluster care", "LONG_TERM_CARE", "WEALTH");
        long property = book.product("聚类企财险", "Cluster property", "CORPORATE_PROPERTY", null);
        for (int i = 0; i < 8; i++) {
            long parent = book.individual("聚类父亲" + i, today.minusYears(38).minusDays(40), true, "33", agent);
            long child = book.individual("聚类孩子" + i, today.minusYears(8).minusDays(40), true, "33", agent);
            long household = book.household("聚类家庭" + i, parent);
            book.member(household, child, "CHILD");
            book.policy(parent, critical, "ACTIVE", today.minusMonths(6), today.plusMonths(6), "8000");
            book.policy(parent, child, medical, "ACTIVE", today.minusMonths(6), today.plusMonths(6), "600", null);
            families.add(parent);
            children.add(child);
            long single = book.individual("聚类单身" + i, today.minusYears(22 + i).minusDays(40), i % 2 == 0, "33", agent);
            jdbc.sql("update customer set marital_status = 'SINGLE' where id = :id").param("id", single).update();
            analyticsConsent(single, true, "2026-01-01T00:00:00Z");

            long senior = book.individual("聚类长者" + i, today.minusYears(72).minusDays(40), false, "33", agent);
            long policy = book.policy(senior, care, "ACTIVE", today.minusMonths(6), today.plusMonths(6), "20000");
            book.claim(policy, today.minusMonths(2), "3000", "REPORTED");
            seniors.add(senior);

            long firm = book.corporate("聚类企业" + i, "33", agent);
            book.policy(firm, property, "ACTIVE", today.minusMonths(6), today.plusMonths(6), "150000");
            firms.add(firm);
            for (long customer : List.of(parent, senior, firm)) {
                analyticsConsent(customer, true, "2026-01-01T00:00:00Z");
            }
        }
        withdrawn = book.individual("聚类撤回同意", agent);
        analyticsConsent(withdrawn, true, "2026-01-01T00:00:00Z");
        analyticsConsent(withdrawn, false, "2026-02-01T00:00:00Z");
        long survivor = families.get(0);
        merged = book.individual("聚类重复客户", agent);
        jdbc.sql("update customer set merged_into_id = :survivor where id = :id").param("survivor", survivor).param("id", merged).update();
    }

    private Map<Long, Integer> assignment(long runId) {
        return jdbc.sql("select customer_id, cluster_no from need_cluster_member where run_id = :run").param("run", runId)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void aRunAssignsEveryCustomerExactlyOnceAndARerunGivesTheSameAssignment() {
        ClusterRun first = clusters.runNow(4, "tester");

        assertThat(first.status()).isEqualTo(ClusterRun.Status.FINISHED);
        assertThat(first.k()).isEqualTo(4);
        assertThat(first.progress()).isEqualTo(100);
        long book = jdbc.sql("select count(*) from customer where merged_into_id is null").query(Long.class).single();
        assertThat(first.customers()).isEqualTo((int) book);
        assertThat(jdbc.sql("""
                        select count(*) from customer c
                         where c.merged_into_id is null
                           and (select count(*) from need_cluster_member m where m.run_id = :run and m.customer_id = c.id) <> 1""")
                .param("run", first.id()).query(Long.class).single()).as("customers not assigned exactly once").isZero();
        Map<Long, Integer> assigned = assignment(first.id());
        assertThat(assigned).hasSize((int) book).doesNotContainKey(merged).containsKeys(children.get(0), withdrawn);
        // learnt only from the customers whose latest analytics consent is a grant; everyone is assigned
        long consenting = jdbc.sql("""
                        select count(*) from customer c
                         where c.merged_into_id is null
                           and (select granted from consent k where k.customer_id = c.id and k.purpose = 'ANALYTICS'
                                 order by recorded_at desc, id desc limit 1)""").query(Long.class).single();
        assertThat(first.sampled()).isEqualTo((int) consenting).isLessThan((int) book);
        // identical needs, one cluster (whether two kinds share one depends on the rest of the shared test book)
        assertThat(families.stream().map(assigned::get).distinct()).hasSize(1);
        assertThat(seniors.stream().map(assigned::get).distinct()).hasSize(1);
        assertThat(firms.stream().map(assigned::get).distinct()).hasSize(1);

        List<NeedCluster> found = clusters.clusters(first.id());
        assertThat(found).hasSize(4).extracting(NeedCluster::clusterNo).containsExactly(1, 2, 3, 4);
        assertThat(found.stream().mapToLong(NeedCluster::customers).sum()).isEqualTo(book);
        for (NeedCluster cluster : found) {
            assertThat(jdbc.sql("select count(*) from need_cluster_member where run_id = :run and cluster_no = :no")
                    .param("run", first.id()).param("no", cluster.clusterNo()).query(Long.class).single()).isEqualTo(cluster.customers());
            assertThat(cluster.profile()).containsOnlyKeys(NeedFeature.values());
            assertThat(cluster.holders()).isLessThanOrEqualTo(cluster.customers());
        }
        NeedCluster firmCluster = found.get(assigned.get(firms.get(0)) - 1);
        assertThat(firmCluster.profile().get(NeedFeature.CORPORATE)).isGreaterThan(0.0);
        assertThat(firmCluster.zProfile().get(NeedFeature.CORPORATE)).isGreaterThan(0.0);
        assertThat(clusters.current()).map(ClusterRun::id).contains(first.id());

        ClusterRun second = clusters.runNow(4, "tester");

        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(assignment(second.id())).isEqualTo(assigned);
        assertThat(clusters.clusters(second.id())).extracting(NeedCluster::customers)
                .containsExactlyElementsOf(found.stream().map(NeedCluster::customers).toList());
        assertThat(clusters.clusters(second.id())).extracting(NeedCluster::traits)
                .containsExactlyElementsOf(found.stream().map(NeedCluster::traits).toList());
        assertThat(clusters.current()).map(ClusterRun::id).contains(second.id());
    }

    @Test
    void eachClusterIsFollowedToThePreviousRunsClusterSharingTheMostMembersAndTheSameRunTwiceCarriesEveryClusterWhole() {
        ClusterRun four = clusters.runNow(4, "tester");
        ClusterRun three = clusters.runNow(3, "tester");
        Map<Long, Integer> before = assignment(four.id());
        Map<Long, Integer> after = assignment(three.id());
        assertThat(before).as("the previous run keeps its members").isNotEmpty();

        // counted in Java from the members: per cluster of the new run, its members in each cluster of the previous one
        Map<Integer, Map<Integer, Long>> shared = new TreeMap<>();
        Map<Integer, Long> sizes = new TreeMap<>();
        after.forEach((customer, no) -> {
            sizes.merge(no, 1L, Long::sum);
            Integer previous = before.get(customer);
            if (previous != null) {
                shared.computeIfAbsent(no, x -> new TreeMap<>()).merge(previous, 1L, Long::sum);
            }
        });
        List<NeedCluster> found = clusters.clusters(three.id());
        assertThat(found).hasSize(3);
        for (NeedCluster cluster : found) {
            Map<Integer, Long> counts = shared.getOrDefault(cluster.clusterNo(), Map.of());
            if (counts.isEmpty()) {
                assertThat(cluster.previousClusterNo()).isNull();
                assertThat(cluster.carriedShare()).isNull();
                continue;
            }
            long most = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            int expected = counts.entrySet().stream().filter(e -> e.getValue() == most).mapToInt(Map.Entry::getKey).min().orElseThrow();
            assertThat(cluster.previousClusterNo()).as("cluster %d", cluster.clusterNo()).isEqualTo(expected);
            assertThat(cluster.carriedShare()).as("cluster %d", cluster.clusterNo())
                    .isCloseTo((double) most / sizes.get(cluster.clusterNo()), within(1e-9));
        }
        assertThat(found).as("the same book: some cluster is followed").anySatisfy(c -> assertThat(c.previousClusterNo()).isNotNull());

        ClusterRun again = clusters.runNow(3, "tester");

        assertThat(clusters.clusters(again.id())).hasSize(3).allSatisfy(c -> {
            assertThat(c.previousClusterNo()).isEqualTo(c.clusterNo());
            assertThat(c.carriedShare()).isEqualTo(1.0);
        });
    }

    @Test
    void aFirstRunFollowsNothing() {
        // a book with no finished run before: the finished runs are deleted in a transaction the run joins (its run
        // row is opened and its progress kept on the side, committed), then all of it is rolled back
        long[] id = new long[1];
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("delete from need_cluster_run where status = 'FINISHED'").update();
                ClusterRun first = clusters.runNow(3, "tester");
                id[0] = first.id();
                assertThat(first.status()).isEqualTo(ClusterRun.Status.FINISHED);
                assertThat(clusters.clusters(first.id())).hasSize(3).allSatisfy(c -> {
                    assertThat(c.previousClusterNo()).isNull();
                    assertThat(c.carriedShare()).isNull();
                });
                status.setRollbackOnly();
            });
        } finally {
            jdbc.sql("update need_cluster_run set status = 'FAILED', error = 'test: rolled back' where status = 'RUNNING'").update();
        }
        assertThat(id[0]).isPositive();
    }

    @Test
    void aFailedRunIsRecordedAndLeavesTheCurrentRunAndItsMembersAsTheyWere() {
        ClusterRun previous = clusters.runNow(3, "tester");
        Map<Long, Integer> before = assignment(previous.id());

        NeedClusters.Progress failingWhenProfiling = (run, phase, percent) -> {
            if (phase == ClusterRun.Phase.PROFILE) {
                throw new IllegalStateException("planted failure after the members were written");
            }
        };
        assertThatThrownBy(() -> clusters.runNow(3, "tester", failingWhenProfiling))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("planted failure");

        ClusterRun failed = clusters.runs(1).get(0);
        assertThat(failed.id()).isGreaterThan(previous.id());
        assertThat(failed.status()).isEqualTo(ClusterRun.Status.FAILED);
        assertThat(failed.error()).contains("planted failure");
        assertThat(clusters.current()).map(ClusterRun::id).contains(previous.id());
        assertThat(clusters.clusters(failed.id())).isEmpty();
        assertThat(assignment(failed.id())).isEmpty();
        assertThat(assignment(previous.id())).isEqualTo(before);
        assertThat(clusters.running()).isEmpty();
    }

    @Test
    void withoutKTheRunChoosesTheKOfTheBestSilhouetteAndFitsAsIfItHadBeenAsked() {
        ClusterRun chosen = clusters.runNow(null, "tester");

        assertThat(chosen.requestedK()).isNull();
        assertThat(chosen.kScores()).containsOnlyKeys(2, 3, 4, 5, 6, 7, 8);
        double best = chosen.kScores().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(chosen.kScores().get(chosen.k())).isEqualTo(best);
        assertThat(chosen.silhouette()).isEqualTo(best);

        ClusterRun asked = clusters.runNow(chosen.k(), "tester");
        assertThat(assignment(asked.id())).isEqualTo(assignment(chosen.id()));
    }

    @Test
    void oneRunAtATimeAndKWithinTwoToTwelve() {
        long running = jdbc.sql("""
                        insert into need_cluster_run (status, phase, seed, sample_size, features, started_by, started_at)
                        values ('RUNNING', 'FIT', 1, 100, '{AGE}', 'other', now()) returning id""").query(Long.class).single();
        try {
            assertThatThrownBy(() -> clusters.runNow(3, "tester"))
                    .isInstanceOfSatisfying(ClusterRunInProgress.class, e -> assertThat(e.runningId()).isEqualTo(running));
            assertThat(clusters.running()).map(ClusterRun::id).contains(running);
        } finally {
            jdbc.sql("update need_cluster_run set status = 'FAILED' where id = :id").param("id", running).update();
        }
        assertThatThrownBy(() -> clusters.runNow(13, "tester")).isInstanceOfSatisfying(FieldRuleViolation.class,
                e -> assertThat(e.field()).isEqualTo("k"));
        assertThatThrownBy(() -> clusters.runNow(1, "tester")).isInstanceOf(FieldRuleViolation.class);
    }

    @Test
    void membersNameExistingClustersAndGoWithTheirRun() {
        // V111: the foreign key of the members checked per statement, and the cascade of a deleted run done by trigger
        ClusterRun run = clusters.runNow(3, "tester");
        long members = assignment(run.id()).size();
        assertThat(members).isPositive();
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into need_cluster_member (run_id, customer_id, cluster_no)
                        values (:run, -1, 1), (:run, -2, 4)""")
                .param("run", run.id()).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class)
                .hasMessageContaining("need_cluster_member refers to a cluster that does not exist: run " + run.id() + ", cluster 4");
        assertThat(assignment(run.id())).as("nothing of the refused statement written").hasSize((int) members)
                .doesNotContainKeys(-1L, -2L);

        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from need_cluster_run where id = :run").param("run", run.id()).update();
            assertThat(assignment(run.id())).isEmpty();
            status.setRollbackOnly();
        });
        assertThat(assignment(run.id())).hasSize((int) members);
    }

    @Test
    void theFeatureTableHoldsEachCustomersNeedsComputedInSql() {
        record Row(Double age, double children, double criticalIllness, double medical, double longTermCare, double business,
                   double corporate, double claims, double premiumCny, int contracts, boolean analytics) {
        }
        Map<Long, Row> rows = transactions.execute(status -> {
            jdbc.sql(NeedClusterSql.FEATURES_TABLE).param("today", LocalDate.now()).update();
            Map<Long, Row> read = jdbc.sql("""
                            select customer_id, f_age, f_children, f_critical_illness, f_medical, f_long_term_care, f_business,
                                   f_corporate, f_claims, premium_cny, contracts, analytics
                              from need_features where customer_id = any(:ids)""")
                    .param("ids", new Long[] {families.get(0), seniors.get(0), firms.get(0), merged, children.get(0), withdrawn})
                    .query((rs, n) -> Map.entry(rs.getLong(1), new Row(rs.getObject(2, Double.class), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
                            rs.getInt(11), rs.getBoolean(12))))
                    .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            status.setRollbackOnly();
            return read;
        });
        assertThat(rows).doesNotContainKey(merged);
        // the father: 38, a child at home, holds critical illness and the child's medical policy (held or insured
        // counts as cover, as for the need tags), two contracts
        assertThat(rows.get(families.get(0))).isEqualTo(new Row(38.0, 1, 1, 1, 0, 0, 0, 0, 8600, 2, true));
        assertThat(rows.get(seniors.get(0))).isEqualTo(new Row(72.0, 0, 0, 0, 1, 0, 0, 1, 20000, 1, true));
        assertThat(rows.get(firms.get(0))).isEqualTo(new Row(null, 0, 0, 0, 0, 1, 1, 0, 150000, 1, true));
        // the child: insured by the medical policy, no consent; the other: consent withdrawn
        assertThat(rows.get(children.get(0))).isEqualTo(new Row(8.0, 0, 0, 1, 0, 0, 0, 0, 0, 0, false));
        assertThat(rows.get(withdrawn).analytics()).isFalse();
    }
}
