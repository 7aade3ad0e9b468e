package io.insurecrm.segmentation;

import io.insurecrm.platform.clustering.KMeans;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
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
 * ({@link ClusterNaming}).</li>
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

    /** Where a run reports its phase; the default commits it on the side so pages can show it. */
    interface Progress {
        void at(long runId, ClusterRun.Phase phase, int percent);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate work;
    private final TransactionTemplate side;
    private final Executor executor;
    private final Clock clock;
    private final ClusterSettings settings;

    NeedClusters(JdbcClient jdbc, PlatformTransactionManager transactions,
                 @Qualifier("applicationTaskExecutor") Executor executor, Clock clock, ClusterSettings settings) {
        this.jdbc = jdbc;
        this.work = new TransactionTemplate(transactions);
        this.side = new TransactionTemplate(transactions);
        this.side.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.executor = executor;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts a run in the background and returns it (RUNNING); {@code k} null = chosen by the silhouette criterion. */
    public ClusterRun start(Integer k, String by) {
        long id = open(k, by);
        executor.execute(() -> {
            try {
                execute(id, k, this::record);
            } catch (RuntimeException e) {
                log.warn("need-cluster run {} failed", id, e);
            }
        });
        return run(id).orElseThrow();
    }

    /** Runs in the caller's thread and returns the finished run; a failure is recorded (FAILED) and rethrown. */
    public ClusterRun runNow(Integer k, String by) {
        return runNow(k, by, this::record);
    }

    ClusterRun runNow(Integer k, String by, Progress progress) {
        long id = open(k, by);
        execute(id, k, progress);
        return run(id).orElseThrow();
    }

    /** Runs left RUNNING by a stopped application are failed at start (they hold nothing: their work rolled back). */
    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedRuns() {
        int failed = jdbc.sql("update need_cluster_run set status = 'FAILED', error = 'interrupted: the application stopped' "
                + "where status = 'RUNNING'").update();
        if (failed > 0) {
            log.warn("{} need-cluster run(s) interrupted by a stop marked FAILED", failed);
        }
    }

    private long open(Integer k, String by) {
        if (k != null && (k < ClusterSettings.MIN_K || k > ClusterSettings.MAX_K)) {
            throw new FieldRuleViolation("k", "segmentation.clusters.badK", k, ClusterSettings.MIN_K, ClusterSettings.MAX_K);
        }
        String[] features = NeedClusterSql.FEATURES.stream().map(Enum::name).toArray(String[]::new);
        try {
            return side.execute(status -> jdbc.sql("""
                            insert into need_cluster_run (status, phase, progress, requested_k, seed, sample_size, features,
                                                          started_by, started_at)
                            values ('RUNNING', 'FEATURES', 0, :k, :seed, :sample, :features, :by, :now) returning id""")
                    .param("k", k).param("seed", settings.seed()).param("sample", settings.sampleSize())
                    .param("features", features).param("by", by).param("now", Timestamp.from(clock.instant()))
                    .query(Long.class).single());
        } catch (DuplicateKeyException e) {
            long running = jdbc.sql("select id from need_cluster_run where status = 'RUNNING'").query(Long.class)
                    .optional().orElse(0L);
            throw new ClusterRunInProgress(running);
        }
    }

    private void record(long runId, ClusterRun.Phase phase, int percent) {
        side.executeWithoutResult(status -> jdbc.sql("update need_cluster_run set phase = :phase, progress = :progress where id = :id")
                .param("phase", phase.name()).param("progress", percent).param("id", runId).update());
    }

    private void execute(long runId, Integer requestedK, Progress progress) {
        try {
            work.executeWithoutResult(status -> fitAndAssign(runId, requestedK, progress));
        } catch (RuntimeException e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            side.executeWithoutResult(status -> jdbc.sql("update need_cluster_run set status = 'FAILED', error = :error where id = :id")
                    .param("error", message.length() > 2000 ? message.substring(0, 2000) : message).param("id", runId).update());
            throw e;
        }
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
                .param("means", boxed(means)).param("sds", boxed(sds)).param("seed", settings.seed())
                .param("sample", settings.sampleSize())
                .query((rs, row) -> {
                    double[] z = new double[n];
                    for (int i = 0; i < n; i++) {
                        z[i] = rs.getDouble("z_" + i);
                    }
                    return new DoublePoint(z);
                })
                .list();
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
                    .param("run", runId).param("no", c + 1).param("centroid", boxed(centroids.get(c))).update();
        }
        int assigned = jdbc.sql(NeedClusterSql.assign()).param("run", runId)
                .param("means", boxed(means)).param("sds", boxed(sds)).update();

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
        List<List<ClusterTrait>> names = ClusterNaming.name(features, profiles.stream().map(Profile::z).toList());
        for (int i = 0; i < profiles.size(); i++) {
            Profile p = profiles.get(i);
            jdbc.sql("""
                            update need_cluster set customers = :customers, holders = :holders, contracts = :contracts,
                                   profile = :profile, z_profile = :z, traits = cast(:traits as jsonb)
                             where run_id = :run and cluster_no = :no""")
                    .param("customers", p.customers()).param("holders", p.holders()).param("contracts", p.contracts())
                    .param("profile", boxed(p.display())).param("z", boxed(p.z()))
                    .param("traits", JSON.writeValueAsString(names.get(i))).param("run", runId).param("no", p.clusterNo())
                    .update();
        }
        jdbc.sql("""
                        update need_cluster_run
                           set status = 'FINISHED', phase = 'DONE', progress = 100, k = :k, customers = :customers,
                               sampled = :sampled, feature_means = :means, feature_sds = :sds, silhouette = :silhouette,
                               k_scores = cast(:scores as jsonb), finished_at = :now
                         where id = :run""")
                .param("k", k).param("customers", assigned).param("sampled", sample.size())
                .param("means", boxed(means)).param("sds", boxed(sds)).param("silhouette", silhouette)
                .param("scores", kScores.isEmpty() ? null : JSON.writeValueAsString(kScores))
                .param("now", Timestamp.from(clock.instant())).param("run", runId).update();
        jdbc.sql("""
                        delete from need_cluster_member
                         where run_id in (select id from need_cluster_run where status = 'FINISHED'
                                           order by id desc offset :keep)""")
                .param("keep", RUNS_WITH_MEMBERS).update();
    }

    private List<double[]> fit(List<DoublePoint> sample, int k) {
        return KMeans.fit(sample, k, new KMeans.Fit(settings.seed(), settings.trials(), settings.maxIterations()));
    }

    private static Double[] boxed(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Double.isNaN(v) ? null : v).toArray(Double[]::new);
    }

    // ---- reading ----

    private static final String RUN_COLUMNS = """
            select id, status, phase, progress, requested_k, k, seed, sample_size, sampled, customers, silhouette,
                   k_scores::text as k_scores, started_by, started_at, finished_at, error from need_cluster_run""";

    /** The current run: the latest finished one. */
    public Optional<ClusterRun> current() {
        return jdbc.sql(RUN_COLUMNS + " where status = 'FINISHED' order by id desc limit 1").query(NeedClusters::run).optional();
    }

    /** The run in progress, if any. */
    public Optional<ClusterRun> running() {
        return jdbc.sql(RUN_COLUMNS + " where status = 'RUNNING'").query(NeedClusters::run).optional();
    }

    public Optional<ClusterRun> run(long id) {
        return jdbc.sql(RUN_COLUMNS + " where id = :id").param("id", id).query(NeedClusters::run).optional();
    }

    /** The latest runs, newest first. */
    public List<ClusterRun> runs(int limit) {
        return jdbc.sql(RUN_COLUMNS + " order by id desc limit :limit").param("limit", limit).query(NeedClusters::run).list();
    }

    /** The clusters of a run, by number (empty for a run that did not finish). */
    public List<NeedCluster> clusters(long runId) {
        return jdbc.sql("""
                        select run_id, cluster_no, customers, holders, contracts, profile, z_profile, traits::text as traits
                          from need_cluster where run_id = :run order by cluster_no""")
                .param("run", runId)
                .query((rs, row) -> {
                    long holders = rs.getLong("holders");
                    long contracts = rs.getLong("contracts");
                    return new NeedCluster(rs.getLong("run_id"), rs.getInt("cluster_no"), rs.getLong("customers"), holders,
                            contracts, holders == 0 ? null : BigDecimal.valueOf(contracts).divide(BigDecimal.valueOf(holders), 2, RoundingMode.HALF_UP),
                            traits(rs.getString("traits")), byFeature(rs.getArray("profile")), byFeature(rs.getArray("z_profile")));
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

    private static ClusterRun run(ResultSet rs, int row) throws SQLException {
        String scores = rs.getString("k_scores");
        Map<Integer, Double> kScores = new LinkedHashMap<>();
        if (scores != null) {
            JSON.readTree(scores).properties().forEach(e -> kScores.put(Integer.valueOf(e.getKey()), e.getValue().asDouble()));
        }
        Timestamp finished = rs.getTimestamp("finished_at");
        double silhouette = rs.getDouble("silhouette");
        Double silhouetteOrNull = rs.wasNull() ? null : silhouette;
        return new ClusterRun(rs.getLong("id"), ClusterRun.Status.valueOf(rs.getString("status")),
                ClusterRun.Phase.valueOf(rs.getString("phase")), rs.getInt("progress"),
                rs.getObject("requested_k", Integer.class), rs.getObject("k", Integer.class), rs.getLong("seed"),
                rs.getInt("sample_size"), rs.getObject("sampled", Integer.class), rs.getObject("customers", Integer.class),
                silhouetteOrNull, kScores, rs.getString("started_by"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getString("error"));
    }

}
