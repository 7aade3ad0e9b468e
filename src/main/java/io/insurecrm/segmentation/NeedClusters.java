package io.insurecrm.segmentation;

import io.insurecrm.platform.clustering.ClusterRunStore;
import io.insurecrm.platform.clustering.KMeans;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clusters of similar protection needs (domain.md §3, docs/segmentation.md "Clusters"). A run, for the whole book:
 * <ol>
 * <li>FEATURES — one row of {@link NeedFeature}s per customer, set-based in SQL into a temporary table; the book mean
 * and standard deviation of each feature;</li>
 * <li>FIT — a sample of at most {@code sampleSize} customers whose latest ANALYTICS consent is a grant (learning from
 * personal data is analysis: the means, standard deviations and centroids come from them only), in a seeded hash
 * order, standardised, clustered by
 * Apache Commons Math's k-means++ (best of {@code trials} restarts, seeded), k as asked or chosen by the best mean
 * silhouette over {@code autoKFrom}–{@code autoKTo};</li>
 * <li>ASSIGN — every customer to the nearest centroid in one INSERT … SELECT (memory flat whatever the book), as a
 * rule segment places everyone;</li>
 * <li>PROFILE — per cluster: size, holders, contracts, mean per feature; named by its dominant traits
 * ({@link ClusterNaming}) under the naming rule version active when the run started, recorded on the run; each
 * cluster followed from the previous finished run: the cluster of that run sharing the
 * most members and the share of its members it carries ({@link ClusterRunStore#followPrevious}).</li>
 * </ol>
 * Clusters, members and the FINISHED status are written in one transaction; the run row and its progress are
 * committed on the side, so a failed run is recorded as FAILED and leaves the current run as it was. One run at a
 * time (a partial unique index). The same book and seed give the same clusters and assignment.
 */
@Service
public class NeedClusters {

    private static final Logger log = LoggerFactory.getLogger(NeedClusters.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Members are kept for this many latest finished runs: the current one and the one before it. */
    static final int RUNS_WITH_MEMBERS = 2;
    /** Who a run the schedule started is recorded as started by (its trigger says SCHEDULE). */
    public static final String SCHEDULE_USER = "system";

    /** Where a run reports its phase; the default commits it on the side so pages can show it. */
    interface Progress {
        void at(long runId, ClusterRun.Phase phase, int percent);
    }

    private final JdbcClient jdbc;
    private final ClusterRunStore<ClusterRun> store;
    private final Executor executor;
    private final Clock clock;
    private final ClusterSettings settings;

    NeedClusters(JdbcClient jdbc, PlatformTransactionManager transactions,
                 @Qualifier("applicationTaskExecutor") Executor executor, Clock clock, ClusterSettings settings) {
        this.jdbc = jdbc;
        this.store = new ClusterRunStore<>(jdbc, transactions, clock, "need_cluster_run",
                List.of("sample_size", "sampled", "trigger", "naming_version"),
                (c, rs) -> new ClusterRun(c.id(), ClusterRun.Status.valueOf(c.status()), ClusterRun.Phase.valueOf(c.phase()),
                        c.progress(), c.requestedK(), c.k(), c.seed(), rs.getInt("sample_size"), rs.getObject("sampled", Integer.class),
                        c.customers(), c.silhouette(), c.kScores(), c.startedBy(), c.startedAt(), c.finishedAt(), c.error(),
                        ClusterRun.Trigger.valueOf(rs.getString("trigger")), rs.getObject("naming_version", Integer.class)),
                ClusterRunInProgress::new);
        this.executor = executor;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts a run in the background and returns it (RUNNING); {@code k} null = chosen by the silhouette criterion. */
    public ClusterRun start(Integer k, String by) {
        return start(k, by, ClusterRun.Trigger.REQUEST);
    }

    /** {@link #start} for the schedule ({@link ClusterSchedule}): recorded as started by {@value #SCHEDULE_USER}. */
    ClusterRun startScheduled(Integer k) {
        return start(k, SCHEDULE_USER, ClusterRun.Trigger.SCHEDULE);
    }

    private ClusterRun start(Integer k, String by, ClusterRun.Trigger trigger) {
        long id = open(k, by, trigger);
        store.executeInBackground(executor, id, () -> fitAndAssign(id, k, store::progress), log, "need-cluster run");
        return run(id).orElseThrow();
    }

    /** Runs in the caller's thread and returns the finished run; a failure is recorded (FAILED) and rethrown. */
    public ClusterRun runNow(Integer k, String by) {
        return runNow(k, by, store::progress);
    }

    ClusterRun runNow(Integer k, String by, Progress progress) {
        long id = open(k, by, ClusterRun.Trigger.REQUEST);
        store.execute(id, () -> fitAndAssign(id, k, progress));
        return run(id).orElseThrow();
    }

    /** Runs left RUNNING by a stopped application are failed at start (they hold nothing: their work rolled back). */
    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedRuns() {
        int failed = store.failInterrupted();
        if (failed > 0) {
            log.warn("{} need-cluster run(s) interrupted by a stop marked FAILED", failed);
        }
    }

    private long open(Integer k, String by, ClusterRun.Trigger trigger) {
        if (k != null && (k < ClusterSettings.MIN_K || k > ClusterSettings.MAX_K)) {
            throw new FieldRuleViolation("k", "segmentation.clusters.badK", k, ClusterSettings.MIN_K, ClusterSettings.MAX_K);
        }
        String[] features = NeedClusterSql.FEATURES.stream().map(Enum::name).toArray(String[]::new);
        // the run names by the naming rule active when it starts, and records its version
        int naming = ClusterNamingRules.active(jdbc).version();
        return store.open(k, settings.seed(), features, by, Map.of("sample_size", settings.sampleSize(), "trigger", trigger.name(),
                "naming_version", naming));
    }

    private void fitAndAssign(long runId, Integer requestedK, Progress progress) {
        List<NeedFeature> features = NeedClusterSql.FEATURES;
        int n = features.size();
        progress.at(runId, ClusterRun.Phase.FEATURES, 5);
        jdbc.sql("set local jit = off").update();
        jdbc.sql("set local work_mem = '64MB'").update();
        jdbc.sql(NeedClusterSql.FEATURES_TABLE).param("today", LocalDate.now(clock)).update();
        jdbc.sql("analyze need_features").update();
        double[] means = new double[n];
        double[] sds = new double[n];
        long[] counts = jdbc.sql(NeedClusterSql.stats()).query(rs -> {
            rs.next();
            for (NeedFeature f : features) {
                double mean = rs.getDouble("m_" + f.ordinal());
                means[f.ordinal()] = rs.wasNull() ? 0 : mean;
                double sd = rs.getDouble("s_" + f.ordinal());
                // a constant (or absent) feature has no spread: dividing by 1 keeps its z at 0
                sds[f.ordinal()] = rs.wasNull() || sd < 1e-12 ? 1 : sd;
            }
            return new long[] {rs.getLong("n"), rs.getLong("book")};
        });

        progress.at(runId, ClusterRun.Phase.FIT, 20);
        List<DoublePoint> sample = jdbc.sql(NeedClusterSql.sample())
                .param("means", ClusterRunStore.boxed(means)).param("sds", ClusterRunStore.boxed(sds)).param("seed", settings.seed())
                .param("sample", settings.sampleSize())
                .query((rs, row) -> {
                    double[] z = new double[n];
                    for (int i = 0; i < n; i++) {
                        z[i] = rs.getDouble("z_" + i);
                    }
                    return new DoublePoint(z);
                })
                .list();
        progress.at(runId, ClusterRun.Phase.FIT, 22);   // the sample is read; the fit follows
        int minimum = requestedK == null ? settings.autoKFrom() : requestedK;
        if (sample.size() <= minimum) {
            throw new IllegalStateException("the book has " + counts[1] + " customers, " + counts[0]
                    + " of them with analytics consent: too few to learn " + minimum + " clusters from");
        }
        List<DoublePoint> check = sample.subList(0, Math.min(settings.silhouetteSample(), sample.size()));
        Map<Integer, Double> kScores = new LinkedHashMap<>();
        int k;
        List<double[]> centroids;
        if (requestedK == null) {
            int bestK = 0;
            List<double[]> best = null;
            int to = Math.min(settings.autoKTo(), sample.size() - 1);
            for (int candidate = settings.autoKFrom(); candidate <= to; candidate++) {
                List<double[]> fitted = fit(sample, candidate);
                double score = KMeans.silhouette(check, fitted);
                kScores.put(candidate, score);
                if (best == null || score > kScores.get(bestK)) {
                    bestK = candidate;
                    best = fitted;
                }
                progress.at(runId, ClusterRun.Phase.FIT, 20 + 25 * (candidate - settings.autoKFrom() + 1) / (to - settings.autoKFrom() + 1));
            }
            k = bestK;
            centroids = best;
        } else {
            k = requestedK;
            centroids = fit(sample, k);
        }
        double silhouette = kScores.containsKey(k) ? kScores.get(k) : KMeans.silhouette(check, centroids);
        centroids = KMeans.numbered(sample, centroids);

        progress.at(runId, ClusterRun.Phase.ASSIGN, 50);
        for (int c = 0; c < centroids.size(); c++) {
            jdbc.sql("""
                            insert into need_cluster (run_id, cluster_no, customers, holders, contracts, centroid, profile, z_profile, traits)
                            values (:run, :no, 0, 0, 0, :centroid, '{}', '{}', '[]')""")
                    .param("run", runId).param("no", c + 1).param("centroid", ClusterRunStore.boxed(centroids.get(c))).update();
        }
        int assigned = jdbc.sql(NeedClusterSql.assign()).param("run", runId)
                .param("means", ClusterRunStore.boxed(means)).param("sds", ClusterRunStore.boxed(sds)).update();

        progress.at(runId, ClusterRun.Phase.PROFILE, 85);
        jdbc.sql("analyze need_cluster_member").update();
        record Profile(int clusterNo, long customers, long holders, long contracts, double[] display, double[] z) {
        }
        List<Profile> profiles = jdbc.sql(NeedClusterSql.profiles()).param("run", runId).query((rs, row) -> {
            double[] display = new double[n];
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                double d = rs.getDouble("d_" + i);
                display[i] = rs.wasNull() ? Double.NaN : d;
                double v = rs.getDouble("v_" + i);
                z[i] = rs.wasNull() ? 0 : (v - means[i]) / sds[i];
            }
            return new Profile(rs.getInt("cluster_no"), rs.getLong("customers"), rs.getLong("holders"), rs.getLong("contracts"),
                    display, z);
        }).list();
        int namingVersion = jdbc.sql("select naming_version from need_cluster_run where id = :run").param("run", runId)
                .query(Integer.class).single();
        List<List<ClusterTrait>> names = ClusterNaming.name(features, profiles.stream().map(Profile::z).toList(),
                ClusterNamingRules.version(jdbc, namingVersion).rule());
        for (int i = 0; i < profiles.size(); i++) {
            Profile p = profiles.get(i);
            jdbc.sql("""
                            update need_cluster set customers = :customers, holders = :holders, contracts = :contracts,
                                   profile = :profile, z_profile = :z, traits = cast(:traits as jsonb)
                             where run_id = :run and cluster_no = :no""")
                    .param("customers", p.customers()).param("holders", p.holders()).param("contracts", p.contracts())
                    .param("profile", ClusterRunStore.boxed(p.display())).param("z", ClusterRunStore.boxed(p.z()))
                    .param("traits", JSON.writeValueAsString(names.get(i))).param("run", runId).param("no", p.clusterNo())
                    .update();
        }
        store.followPrevious("need_cluster", "need_cluster_member", List.of("customer_id"), runId);
        store.finish(runId, new ClusterRunStore.Finished(k, assigned, means, sds, silhouette, kScores),
                Map.of("sampled", sample.size()));
        store.keepMembersOfLatest("need_cluster_member", RUNS_WITH_MEMBERS);
    }

    private List<double[]> fit(List<DoublePoint> sample, int k) {
        return KMeans.fit(sample, k, new KMeans.Fit(settings.seed(), settings.trials(), settings.maxIterations()));
    }

    // ---- reading ----

    /** The current run: the latest finished one. */
    public Optional<ClusterRun> current() {
        return store.current();
    }

    /** The run in progress, if any. */
    public Optional<ClusterRun> running() {
        return store.running();
    }

    public Optional<ClusterRun> run(long id) {
        return store.run(id);
    }

    /** The latest runs, newest first. */
    public List<ClusterRun> runs(int limit) {
        return store.runs(limit);
    }

    /** The clusters of a run, by number (empty for a run that did not finish). */
    public List<NeedCluster> clusters(long runId) {
        return jdbc.sql("""
                        select run_id, cluster_no, customers, holders, contracts, profile, z_profile, traits::text as traits,
                               previous_cluster_no, carried_share
                          from need_cluster where run_id = :run order by cluster_no""")
                .param("run", runId)
                .query((rs, row) -> {
                    long holders = rs.getLong("holders");
                    long contracts = rs.getLong("contracts");
                    return new NeedCluster(rs.getLong("run_id"), rs.getInt("cluster_no"), rs.getLong("customers"), holders,
                            contracts, holders == 0 ? null : BigDecimal.valueOf(contracts).divide(BigDecimal.valueOf(holders), 2, RoundingMode.HALF_UP),
                            traits(rs.getString("traits")), byFeature(rs.getArray("profile")), byFeature(rs.getArray("z_profile")),
                            rs.getObject("previous_cluster_no", Integer.class), rs.getObject("carried_share", Double.class));
                })
                .list();
    }

    /** Whether the current run has a cluster with this number (the customer search filter CLUSTER:n). */
    public boolean currentHas(int clusterNo) {
        return current().map(run -> clusterNo >= 1 && run.k() != null && clusterNo <= run.k()).orElse(false);
    }

    private static List<ClusterTrait> traits(String json) {
        return List.of(JSON.readValue(json, ClusterTrait[].class));
    }

    private static Map<NeedFeature, Double> byFeature(Array array) throws SQLException {
        Map<NeedFeature, Double> values = new EnumMap<>(NeedFeature.class);
        Double[] numbers = (Double[]) array.getArray();
        for (int i = 0; i < numbers.length && i < NeedFeature.values().length; i++) {
            values.put(NeedFeature.values()[i], numbers[i]);
        }
        return values;
    }
}
