package io.insurecrm.coil;

import io.insurecrm.platform.clustering.ClusterRunStore;
import io.insurecrm.platform.clustering.KMeans;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Need clusters of the CoIL 2000 book (docs/importing.md, The CoIL 2000 adapter). A run:
 * <ol>
 * <li>FEATURES — every customer of both files with his 21 holdings and demographics ({@link CoilNeedFeature}), in
 * (source, row) order, weighted by the CoIL cluster rules active when the run started ({@link CoilClusterRule}, their
 * version recorded on the run), and a fingerprint of them with the seed, the settings and those rules: when it is the
 * current run's, the run ends UNCHANGED and nothing is rewritten;</li>
 * <li>FIT — Apache Commons Math k-means++ ({@link KMeans}, seeded; best of the restarts) over every customer (the book
 * is 9,822: no sample), k as asked or chosen by the best mean silhouette on a seeded check sample;</li>
 * <li>ASSIGN — every customer to the nearest centroid, written in one INSERT … SELECT from arrays;</li>
 * <li>PROFILE — per cluster the members' mean per feature and its z against the book; named by its dominant traits
 * ({@link CoilClusterNaming}) under the naming of the same rules.</li>
 * </ol>
 * Clusters, members and FINISHED are written in one transaction; the run row and its progress are committed on the side,
 * so a failed run is FAILED and the current clusters stay. One run at a time (a partial unique index). A load of the
 * book that committed starts a run (k chosen) when {@code crm.coil.clusters.on-load}. The CoIL data carry no consent
 * records: it is a published research benchmark, learnt from whole.
 */
@Service
public class CoilClusters {

    private static final Logger log = LoggerFactory.getLogger(CoilClusters.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Members are kept for this many latest finished runs. */
    static final int RUNS_WITH_MEMBERS = 2;
    public static final String ON_LOAD_REASON = "CoIL book loaded";

    private final JdbcClient jdbc;
    private final ClusterRunStore<CoilClusterRun> store;
    private final Executor executor;
    private final Clock clock;
    private final CoilClusterSettings settings;
    private final MessageSource messages;
    private final CoilValueBandRuleSets valueBandRules;

    CoilClusters(JdbcClient jdbc, PlatformTransactionManager transactions,
                 @Qualifier("applicationTaskExecutor") Executor executor, Clock clock, CoilClusterSettings settings,
                 MessageSource messages, CoilValueBandRuleSets valueBandRules) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.valueBandRules = valueBandRules;
        this.store = new ClusterRunStore<>(jdbc, transactions, clock, "coil_cluster_run", List.of("reason", "unchanged_from", "rule_version"),
                (c, rs) -> new CoilClusterRun(c.id(), CoilClusterRun.Status.valueOf(c.status()),
                        CoilClusterRun.Phase.valueOf(c.phase()), c.progress(), c.requestedK(), c.k(), c.seed(),
                        rs.getString("reason"), c.customers(), c.silhouette(), c.kScores(), rs.getObject("unchanged_from", Long.class),
                        c.startedBy(), c.startedAt(), c.finishedAt(), c.error(), rs.getObject("rule_version", Integer.class)),
                CoilClusterRunInProgress::new);
        this.executor = executor;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts a run in the background and returns it (RUNNING); {@code k} null = chosen by the silhouette criterion. */
    public CoilClusterRun start(Integer k, String reason, String by) {
        long id = open(k, reason, by);
        store.executeInBackground(executor, id, () -> fitAndAssign(id, k), log, "CoIL need-cluster run");
        return run(id).orElseThrow();
    }

    /** Runs in the caller's thread and returns the ended run; a failure is recorded (FAILED) and rethrown. */
    public CoilClusterRun runNow(Integer k, String reason, String by) {
        long id = open(k, reason, by);
        store.execute(id, () -> fitAndAssign(id, k));
        return run(id).orElseThrow();
    }

    /** A load of the book that committed starts a run with k chosen (skipped while one is running). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onLoad(CoilBookLoaded loaded) {
        if (!settings.onLoad()) {
            return;
        }
        try {
            start(null, ON_LOAD_REASON, loaded.by());
        } catch (CoilClusterRunInProgress e) {
            log.info("CoIL book loaded while need-cluster run {} is running: no second run started", e.runningId());
        }
    }

    /** Runs left RUNNING by a stopped application are failed at start (their work rolled back). */
    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedRuns() {
        int failed = store.failInterrupted();
        if (failed > 0) {
            log.warn("{} CoIL need-cluster run(s) interrupted by a stop marked FAILED", failed);
        }
    }

    /** Refuses a missing reason and a k outside 2–12 (400 naming the field). */
    public static void validate(Integer k, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new FieldRuleViolation("reason", "coil.clusters.reasonMissing");
        }
        if (reason.strip().length() > 500) {
            throw new FieldRuleViolation("reason", "coil.clusters.reasonTooLong", 500);
        }
        if (k != null && (k < CoilClusterSettings.MIN_K || k > CoilClusterSettings.MAX_K)) {
            throw new FieldRuleViolation("k", "coil.clusters.badK", k, CoilClusterSettings.MIN_K, CoilClusterSettings.MAX_K);
        }
    }

    private long open(Integer k, String reason, String by) {
        validate(k, reason);
        String[] features = CoilNeedFeature.ALL.stream().map(CoilNeedFeature::code).toArray(String[]::new);
        // the run weighs and names by the cluster rules active when it starts, and records their version
        int rules = CoilClusterRules.active(jdbc).version();
        return store.open(k, settings.seed(), features, by, Map.of("reason", reason.strip(), "rule_version", rules));
    }

    private void progress(long runId, CoilClusterRun.Phase phase, int percent) {
        store.progress(runId, phase, percent);
    }

    /** One customer of the book with his inputs. */
    private record Customer(String source, int row, CoilNeedFeature.Inputs inputs) {
    }

    private List<Customer> customers() {
        String[] codes = Arrays.stream(CoilProduct.values()).map(Enum::name).toArray(String[]::new);
        return jdbc.sql("""
                        select c.source, c.row_number, c.mgemleef, c.moshoofd, c.demographics[10] as mrelge,
                               c.demographics[15] as mfwekind, c.demographics[42] as minkgem,
                               array(select coalesce(h.policies, 0) from unnest(cast(:codes as text[])) with ordinality p(code, k)
                                       left join coil_holding h on h.source = c.source and h.row_number = c.row_number
                                                               and h.product = p.code order by p.k) as policies,
                               array(select coalesce(h.premium_band, 0) from unnest(cast(:codes as text[])) with ordinality p(code, k)
                                       left join coil_holding h on h.source = c.source and h.row_number = c.row_number
                                                               and h.product = p.code order by p.k) as bands
                          from coil_customer c order by c.source, c.row_number""")
                .param("codes", codes)
                .query((rs, n) -> new Customer(rs.getString("source"), rs.getInt("row_number"),
                        new CoilNeedFeature.Inputs(ints(rs.getArray("policies")), ints(rs.getArray("bands")), rs.getInt("mgemleef"),
                                rs.getInt("moshoofd"), rs.getInt("mrelge"), rs.getInt("mfwekind"), rs.getInt("minkgem"))))
                .list();
    }

    private static int[] ints(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = ((Number) values[i]).intValue();
        }
        return ints;
    }

    private String fingerprint(List<Customer> customers, List<double[]> points, Integer requestedK, CoilClusterRule rule) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("seed=" + settings.seed() + " trials=" + settings.trials() + " iterations=" + settings.maxIterations()
                    + " k=" + (requestedK == null ? settings.autoKFrom() + "-" + settings.autoKTo() : requestedK)
                    + " check=" + settings.silhouetteSample() + " features="
                    + CoilNeedFeature.all(rule.weights()).stream().map(f -> f.code() + "*" + f.weight()).toList()
                    + " naming=" + rule.naming() + " common=" + rule.commonProduct()).getBytes(StandardCharsets.UTF_8));
            ByteBuffer buffer = ByteBuffer.allocate(8);
            for (int i = 0; i < customers.size(); i++) {
                digest.update((customers.get(i).source() + customers.get(i).row()).getBytes(StandardCharsets.UTF_8));
                for (double v : points.get(i)) {
                    buffer.clear();
                    digest.update(buffer.putDouble(v).array());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fitAndAssign(long runId, Integer requestedK) {
        int ruleVersion = jdbc.sql("select rule_version from coil_cluster_run where id = :run").param("run", runId)
                .query(Integer.class).single();
        CoilClusterRule rule = CoilClusterRules.version(jdbc, ruleVersion);
        List<CoilNeedFeature> features = CoilNeedFeature.all(rule.weights());
        int n = features.size();
        progress(runId, CoilClusterRun.Phase.FEATURES, 5);
        List<Customer> customers = customers();
        List<double[]> values = customers.stream()
                .map(c -> features.stream().mapToDouble(f -> f.value(c.inputs())).toArray()).toList();
        String fingerprint = fingerprint(customers, values, requestedK, rule);
        Optional<CoilClusterRun> current = current();
        String currentPrint = current.map(run -> jdbc.sql("select fingerprint from coil_cluster_run where id = :id")
                .param("id", run.id()).query(String.class).optional().orElse(null)).orElse(null);
        if (fingerprint.equals(currentPrint)) {
            jdbc.sql("""
                            update coil_cluster_run set status = 'UNCHANGED', phase = 'DONE', progress = 100, fingerprint = :print,
                                   unchanged_from = :current, k = :k, customers = :customers, finished_at = :now where id = :run""")
                    .param("print", fingerprint).param("current", current.get().id()).param("k", current.get().k())
                    .param("customers", current.get().customers()).param("now", Timestamp.from(clock.instant()))
                    .param("run", runId).update();
            return;
        }
        int minimum = requestedK == null ? settings.autoKFrom() : requestedK;
        if (customers.size() <= minimum) {
            throw new IllegalStateException("the CoIL book has " + customers.size() + " customers: too few to learn "
                    + minimum + " clusters from; load it first");
        }

        progress(runId, CoilClusterRun.Phase.FIT, 20);
        List<DoublePoint> points = values.stream().map(DoublePoint::new).toList();
        List<DoublePoint> check = new ArrayList<>(points);
        Collections.shuffle(check, new Random(settings.seed()));
        check = check.subList(0, Math.min(settings.silhouetteSample(), check.size()));
        KMeans.Fit fit = new KMeans.Fit(settings.seed(), settings.trials(), settings.maxIterations());
        int k;
        List<double[]> centroids;
        double silhouette;
        Map<Integer, Double> scores = new LinkedHashMap<>();
        if (requestedK == null) {
            int tries = KMeans.tried(points.size(), settings.autoKFrom(), settings.autoKTo());
            KMeans.Choice choice = KMeans.choose(points, check, settings.autoKFrom(), settings.autoKTo(), fit,
                    done -> progress(runId, CoilClusterRun.Phase.FIT, 20 + 50 * done / tries));
            k = choice.k();
            centroids = choice.centroids();
            silhouette = choice.silhouette();
            scores.putAll(choice.scores());
        } else {
            k = requestedK;
            centroids = KMeans.numbered(points, KMeans.fit(points, k, fit));
            silhouette = KMeans.silhouette(check, centroids);
        }

        progress(runId, CoilClusterRun.Phase.ASSIGN, 75);
        int[] assigned = new int[customers.size()];
        for (int i = 0; i < points.size(); i++) {
            assigned[i] = KMeans.nearest(values.get(i), centroids) + 1;
        }

        progress(runId, CoilClusterRun.Phase.PROFILE, 85);
        double[] bookMeans = new double[n];
        double[] bookSds = new double[n];
        double[][] sums = new double[k][n];
        int[] sizes = new int[k];
        for (int i = 0; i < customers.size(); i++) {
            CoilNeedFeature.Inputs in = customers.get(i).inputs();
            sizes[assigned[i] - 1]++;
            for (int f = 0; f < n; f++) {
                double d = features.get(f).display(in);
                bookMeans[f] += d;
                bookSds[f] += d * d;
                sums[assigned[i] - 1][f] += d;
            }
        }
        for (int f = 0; f < n; f++) {
            bookMeans[f] /= customers.size();
            double variance = bookSds[f] / customers.size() - bookMeans[f] * bookMeans[f];
            bookSds[f] = variance < 1e-12 ? 1 : Math.sqrt(variance);
        }
        List<double[]> profiles = new ArrayList<>();
        List<double[]> zProfiles = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double[] profile = new double[n];
            double[] z = new double[n];
            for (int f = 0; f < n; f++) {
                profile[f] = sizes[c] == 0 ? bookMeans[f] : sums[c][f] / sizes[c];
                z[f] = (profile[f] - bookMeans[f]) / bookSds[f];
            }
            profiles.add(profile);
            zProfiles.add(z);
        }
        List<List<CoilClusterNaming.Trait>> names = CoilClusterNaming.name(zProfiles, bookMeans, rule.naming(), rule.commonProduct());
        for (int c = 0; c < k; c++) {
            jdbc.sql("""
                            insert into coil_cluster (run_id, cluster_no, centroid, profile, z_profile, traits)
                            values (:run, :no, :centroid, :profile, :z, cast(:traits as jsonb))""")
                    .param("run", runId).param("no", c + 1).param("centroid", ClusterRunStore.boxed(centroids.get(c)))
                    .param("profile", ClusterRunStore.boxed(profiles.get(c))).param("z", ClusterRunStore.boxed(zProfiles.get(c)))
                    .param("traits", JSON.writeValueAsString(names.get(c))).update();
        }
        int members = jdbc.sql("""
                        insert into coil_cluster_member (run_id, source, row_number, cluster_no)
                        select :run, m.source, m.row_number, m.cluster_no
                          from unnest(cast(:sources as text[]), cast(:rows as int[]), cast(:clusters as int[]))
                               as m(source, row_number, cluster_no)""")
                .param("run", runId)
                .param("sources", customers.stream().map(Customer::source).toArray(String[]::new))
                .param("rows", customers.stream().map(Customer::row).toArray(Integer[]::new))
                .param("clusters", Arrays.stream(assigned).boxed().toArray(Integer[]::new))
                .update();
        store.followPrevious("coil_cluster", "coil_cluster_member", List.of("source", "row_number"), runId);
        store.finish(runId, new ClusterRunStore.Finished(k, members, bookMeans, bookSds, silhouette, scores),
                Map.of("fingerprint", fingerprint));
        store.keepMembersOfLatest("coil_cluster_member", RUNS_WITH_MEMBERS);
    }

    // ---- reading ----

    /** The current run: the latest finished one; its id is the version of the clusters. */
    public Optional<CoilClusterRun> current() {
        return store.current();
    }

    /** The run in progress, if any. */
    public Optional<CoilClusterRun> running() {
        return store.running();
    }

    public Optional<CoilClusterRun> run(long id) {
        return store.run(id);
    }

    /** The latest runs, newest first. */
    public List<CoilClusterRun> runs(int limit) {
        return store.runs(limit);
    }

    /**
     * One cluster of a run: its number, name traits, the members' mean per feature and its z (CoilNeedFeature.ALL
     * order); the previous finished run's cluster sharing the most members and the share of this cluster's members
     * that were in it (0 to 1), both null for a first run or no member in common.
     */
    public record Cluster(int clusterNo, List<CoilClusterNaming.Trait> traits, List<Double> profile, List<Double> zProfile,
                          Integer previousClusterNo, Double carriedShare) {

        /** The share carried, to four decimals, null when there is none. */
        public BigDecimal carried() {
            return carriedShare == null ? null : BigDecimal.valueOf(carriedShare).setScale(4, RoundingMode.HALF_UP);
        }
    }

    /** The clusters of a run, by number. */
    public List<Cluster> clusters(long runId) {
        return jdbc.sql("""
                        select cluster_no, traits::text as traits, profile, z_profile, previous_cluster_no, carried_share
                          from coil_cluster where run_id = :run order by cluster_no""")
                .param("run", runId)
                .query((rs, n) -> new Cluster(rs.getInt("cluster_no"),
                        List.of(JSON.readValue(rs.getString("traits"), CoilClusterNaming.Trait[].class)),
                        doubles(rs.getArray("profile")), doubles(rs.getArray("z_profile")),
                        rs.getObject("previous_cluster_no", Integer.class), rs.getObject("carried_share", Double.class)))
                .list();
    }

    /** The book's mean display value per feature (CoilNeedFeature.ALL order) a finished run stored. */
    public double[] bookMeans(long runId) {
        List<Double> means = jdbc.sql("select feature_means from coil_cluster_run where id = :run").param("run", runId)
                .query((rs, n) -> doubles(rs.getArray("feature_means"))).single();
        return means.stream().mapToDouble(v -> v == null ? 0 : v).toArray();
    }

    /** The names of a run's clusters in Chinese and English (cluster number order). */
    public List<List<String>> names(List<Cluster> clusters) {
        List<List<CoilClusterNaming.Trait>> traits = clusters.stream().map(Cluster::traits).toList();
        return List.of(CoilClusterNaming.renderAll(traits, messages, Locale.SIMPLIFIED_CHINESE),
                CoilClusterNaming.renderAll(traits, messages, Locale.ENGLISH));
    }

    /**
     * The book per need cluster of the current run (each with the previous run's matching cluster) and per value band
     * of the active value band rules: customers, holders, policies, 客均合同 and the mean estimated premium, all of it in
     * two set-based statements over the holdings.
     */
    public CoilSegments segments() {
        String figures = """
                count(*) as customers, count(*) filter (where policies > 0) as holders, coalesce(sum(policies), 0) as policies,
                round(sum(policies)::numeric / nullif(count(*) filter (where policies > 0), 0), 2) as per_holder,
                round(avg(premium)::numeric, 0) as mean_premium""";
        Optional<CoilClusterRun> run = current();
        List<CoilSegments.Row> clusterRows = new ArrayList<>();
        if (run.isPresent()) {
            List<Cluster> clusters = clusters(run.get().id());
            List<List<String>> names = names(clusters);
            Map<Integer, CoilSegments.Row> byCluster = new LinkedHashMap<>();
            jdbc.sql(CoilValueBandRuleSets.PER_CUSTOMER + "select coalesce(m.cluster_no, 0) as cluster_no, " + figures + """

                              from per_customer pc
                              left join coil_cluster_member m on m.run_id = :run and m.source = pc.source
                                                             and m.row_number = pc.row_number
                             group by coalesce(m.cluster_no, 0)""")
                    .param("run", run.get().id())
                    .query((rs, n) -> {
                        int no = rs.getInt("cluster_no");
                        String zh = no == 0 ? messages.getMessage("coil.segments.unassigned", null, Locale.SIMPLIFIED_CHINESE)
                                : names.get(0).get(no - 1);
                        String en = no == 0 ? messages.getMessage("coil.segments.unassigned", null, Locale.ENGLISH)
                                : names.get(1).get(no - 1);
                        Cluster cluster = no == 0 ? null : clusters.get(no - 1);
                        return byCluster.put(no, row(String.valueOf(no), zh, en, rs, cluster));
                    })
                    .list();
            for (Cluster c : clusters) {
                clusterRows.add(byCluster.getOrDefault(c.clusterNo(), new CoilSegments.Row(String.valueOf(c.clusterNo()),
                        names.get(0).get(c.clusterNo() - 1), names.get(1).get(c.clusterNo() - 1), 0L, 0L, 0L, null, null, false,
                        c.previousClusterNo(), c.carried())));
            }
            if (byCluster.containsKey(0)) {
                clusterRows.add(byCluster.get(0));
            }
        }
        CoilValueBandRules rules = valueBandRules.active();
        Map<String, CoilSegments.Row> byBand = new LinkedHashMap<>();
        jdbc.sql(CoilValueBandRuleSets.PER_CUSTOMER + "select " + CoilValueBandRuleSets.bandOf("bands") + " as band, " + figures
                        + "\n  from per_customer pc group by 1")
                .param("bandsCodes", CoilValueBandRuleSets.codes(rules.bands()))
                .param("bandsFroms", CoilValueBandRuleSets.froms(rules.bands()))
                .query((rs, n) -> {
                    CoilValueBandRules.Band band = rules.band(CoilValueBand.valueOf(rs.getString("band"))).orElseThrow();
                    return byBand.put(band.band(), row(band.band(), bandName(band, Locale.SIMPLIFIED_CHINESE),
                            bandName(band, Locale.ENGLISH), rs, null));
                })
                .list();
        List<CoilSegments.Row> bandRows = rules.bands().stream()
                .map(b -> byBand.getOrDefault(b.band(), new CoilSegments.Row(b.band(), bandName(b, Locale.SIMPLIFIED_CHINESE),
                        bandName(b, Locale.ENGLISH), 0L, 0L, 0L, null, null, false, null, null)))
                .toList();
        return new CoilSegments(run.orElse(null), List.copyOf(clusterRows), bandRows, rules.version(), CoilSegments.CURRENCY);
    }

    /**
     * A value band's name with its amounts in a language: Low (1–499), Top (5,000 and over); NONE, the customers without
     * premium, by its name alone. The estimates are whole amounts: a band from 1 to 500 reads 1–499.
     */
    public String bandName(CoilValueBandRules.Band band, Locale locale) {
        String name = messages.getMessage("coil.valueBand." + band.band(), null, locale);
        if (band.code() == CoilValueBand.NONE) {
            return name;
        }
        String range = band.to() == null ? messages.getMessage("coil.valueBand.rangeOpen", new Object[] {band.from()}, locale)
                : band.to() - 1 == band.from() ? messages.getMessage("coil.valueBand.rangeOne", new Object[] {band.from()}, locale)
                : messages.getMessage("coil.valueBand.range", new Object[] {band.from(), band.to() - 1}, locale);
        return messages.getMessage("coil.valueBand.named", new Object[] {name, range}, locale);
    }

    private static CoilSegments.Row row(String key, String zh, String en, ResultSet rs, Cluster cluster) throws SQLException {
        return new CoilSegments.Row(key, zh, en, rs.getLong("customers"), rs.getLong("holders"), rs.getLong("policies"),
                rs.getBigDecimal("per_holder"), rs.getBigDecimal("mean_premium"), false,
                cluster == null ? null : cluster.previousClusterNo(), cluster == null ? null : cluster.carried());
    }

    private static List<Double> doubles(Array array) throws SQLException {
        return List.of((Double[]) array.getArray());
    }
}
