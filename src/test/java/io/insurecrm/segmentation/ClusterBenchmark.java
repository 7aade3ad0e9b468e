package io.insurecrm.segmentation;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times need-cluster runs on an existing book (docs/benchmarks.md, "Need clusters on the 1M book"): a run with a fixed k
 * and a run with k chosen by the silhouette criterion, each in its steps — the feature table and statistics, the read of
 * the fitting sample, the k-means++ fit, the set-based assignment of every customer (one INSERT … SELECT), the profile,
 * follow and commit. Beside it, in the same process and on the same book, the baseline: the same assignment done one
 * customer at a time (his features read by the feature SQL restricted to him, standardised and put to the nearest
 * centroid in Java, his member row inserted in a transaction of his own) for a random sample, extrapolated to the book,
 * and checked to agree with the set-based assignment of the sample. Applies the pending Flyway migrations first.
 * Not a test: run it through {@code bench/clusters.sh JDBC_URL [k=6] [sample=2000] [explain]}. It writes need-cluster
 * runs (and a scratch table it drops): run it on a scratch copy of a book.
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    /** Milliseconds from the start of the run to each progress report, in order. */
    private static final class Steps implements NeedClusters.Progress {
        final long start = System.nanoTime();
        final Map<String, Long> at = new LinkedHashMap<>();

        @Override
        public void at(long runId, ClusterRun.Phase phase, int percent) {
            at.putIfAbsent(phase + "@" + percent, (System.nanoTime() - start) / 1_000_000);
        }

        long ms(String key) {
            Long value = at.get(key);
            if (value == null) {
                throw new IllegalStateException("no progress report " + key + " in " + at);
            }
            return value;
        }
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ClusterBenchmark JDBC_URL [k=6] [sample=2000] [explain]");
            System.exit(2);
        }
        String url = args[0];
        int fixedK = 6;
        int sample = 2000;
        boolean explain = false;
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            if (arg.startsWith("k=")) {
                fixedK = Integer.parseInt(arg.substring(2));
            } else if (arg.startsWith("sample=")) {
                sample = Integer.parseInt(arg.substring(7));
            } else if (arg.equals("explain")) {
                explain = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        var migrated = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .outOfOrder(true).load().migrate();
        System.out.printf("flyway: %d migration(s) applied%n", migrated.migrationsExecuted);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
            ClusterSettings settings = new ClusterSettings(50_000, 20261202L, 3, 100, 2, 8, 2000, ClusterSettings.DISABLED, null);
            NeedClusters clusters = new NeedClusters(jdbc, transactions, Runnable::run, Clock.systemDefaultZone(), settings);
            System.out.printf("book: %,d customers (%,d not merged), %,d with an ANALYTICS grant; work_mem in the run 64MB, jit off%n",
                    jdbc.sql("select count(*) from customer").query(Long.class).single(),
                    jdbc.sql("select count(*) from customer where merged_into_id is null").query(Long.class).single(),
                    jdbc.sql("select count(distinct customer_id) from consent where purpose = 'ANALYTICS' and granted")
                            .query(Long.class).single());
            if (explain) {
                explainAssign(jdbc, transactions, fixedK);
                return;
            }
            ClusterRun fixed = timed(clusters, "k = " + fixedK, fixedK);
            ClusterRun chosen = timed(clusters, "k chosen (2-8)", null);
            System.out.printf("chosen k = %d, silhouette per k %s%n", chosen.k(), chosen.kScores());
            oneByOne(jdbc, transactions, fixed, sample);
        }
    }

    private static ClusterRun timed(NeedClusters clusters, String label, Integer k) {
        Steps steps = new Steps();
        ClusterRun run = clusters.runNow(k, "benchmark", steps);
        long total = (System.nanoTime() - steps.start) / 1_000_000;
        long fitEnd = steps.ms("ASSIGN@50");
        System.out.printf("%n== run %d, %s: %,d customers assigned, %,d sampled, k %d, silhouette %.3f%n", run.id(), label,
                run.customers(), run.sampled(), run.k(), run.silhouette());
        System.out.printf("  %-52s %,9d ms%n", "features (temp table, analyze, means and sds)", steps.ms("FIT@20") - steps.ms("FEATURES@5"));
        System.out.printf("  %-52s %,9d ms%n", "fit: sample read (" + run.sampled() + " x 17, standardised)", steps.ms("FIT@22") - steps.ms("FIT@20"));
        System.out.printf("  %-52s %,9d ms%n", "fit: k-means++ (" + (k == null ? "k 2-8, silhouette each" : "k " + k) + ")",
                fitEnd - steps.ms("FIT@22"));
        System.out.printf("  %-52s %,9d ms%n", "assign every customer (INSERT ... SELECT)", steps.ms("PROFILE@85") - fitEnd);
        System.out.printf("  %-52s %,9d ms%n", "profile, name, follow, finish, prune members, commit", total - steps.ms("PROFILE@85"));
        System.out.printf("  %-52s %,9d ms%n", "total", total);
        return run;
    }

    /** The assignment statement's plan, rolled back: the members of the latest finished run of k clusters assigned again. */
    private static void explainAssign(JdbcClient jdbc, DataSourceTransactionManager transactions, int k) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            long run = jdbc.sql("select id from need_cluster_run where status = 'FINISHED' and k = :k order by id desc limit 1")
                    .param("k", k).query(Long.class).single();
            jdbc.sql("set local work_mem = '64MB'").update();
            jdbc.sql("set local jit = off").update();
            jdbc.sql(NeedClusterSql.FEATURES_TABLE).param("today", LocalDate.now()).update();
            jdbc.sql("analyze need_features").update();
            Double[] means = jdbc.sql("select feature_means from need_cluster_run where id = :run").param("run", run)
                    .query((rs, n) -> (Double[]) rs.getArray(1).getArray()).single();
            Double[] sds = jdbc.sql("select feature_sds from need_cluster_run where id = :run").param("run", run)
                    .query((rs, n) -> (Double[]) rs.getArray(1).getArray()).single();
            jdbc.sql("delete from need_cluster_member where run_id = :run").param("run", run).update();
            String plan = String.join("\n", jdbc.sql("explain (analyze, buffers) " + NeedClusterSql.assign())
                    .param("run", run).param("means", means).param("sds", sds).query(String.class).list());
            System.out.println("EXPLAIN ANALYZE of the assignment (rolled back), run " + run + ":\n" + plan);
            status.setRollbackOnly();
        });
    }

    /**
     * The baseline: a random sample assigned one customer at a time (feature read, nearest centroid in Java, one member
     * row in a transaction of its own, into a scratch table), extrapolated; then checked against the run's members.
     */
    private static void oneByOne(JdbcClient jdbc, DataSourceTransactionManager transactions, ClusterRun run, int sample) {
        List<NeedFeature> features = NeedClusterSql.FEATURES;
        int n = features.size();
        double[] means = new double[n];
        double[] sds = new double[n];
        jdbc.sql("select feature_means, feature_sds from need_cluster_run where id = :run").param("run", run.id()).query(rs -> {
            Double[] m = (Double[]) rs.getArray(1).getArray();
            Double[] s = (Double[]) rs.getArray(2).getArray();
            for (int i = 0; i < n; i++) {
                means[i] = m[i];
                sds[i] = s[i];
            }
        });
        List<double[]> centroids = jdbc.sql("select centroid from need_cluster where run_id = :run order by cluster_no")
                .param("run", run.id())
                .query((rs, row) -> Arrays.stream((Double[]) rs.getArray(1).getArray()).mapToDouble(Double::doubleValue).toArray())
                .list();
        String oneCustomer = NeedClusterSql.FEATURES_TABLE.replace("create temporary table need_features on commit drop as", "")
                + " and c.id = :id";
        List<Long> ids = jdbc.sql("""
                        select id from customer tablesample system (1) repeatable (20261203)
                         where merged_into_id is null order by random() limit :n""")
                .param("n", sample).query(Long.class).list();
        jdbc.sql("drop table if exists bench_cluster_member").update();
        jdbc.sql("create table bench_cluster_member (run_id bigint, customer_id bigint primary key, cluster_no smallint)").update();
        TransactionTemplate each = new TransactionTemplate(transactions);
        LocalDate today = LocalDate.now();
        long[] nanos = new long[ids.size()];
        long start = System.nanoTime();
        for (int c = 0; c < ids.size(); c++) {
            long id = ids.get(c);
            long t = System.nanoTime();
            each.executeWithoutResult(status -> {
                double[] z = jdbc.sql(oneCustomer).param("today", today).param("id", id).query(rs -> {
                    rs.next();
                    double[] values = new double[n];
                    for (NeedFeature f : features) {
                        double v = rs.getDouble(f.column());
                        values[f.ordinal()] = rs.wasNull() ? 0 : (v - means[f.ordinal()]) / sds[f.ordinal()];
                    }
                    return values;
                });
                int nearest = nearest(z, centroids);
                jdbc.sql("insert into bench_cluster_member (run_id, customer_id, cluster_no) values (:run, :id, :no)")
                        .param("run", run.id()).param("id", id).param("no", nearest).update();
            });
            nanos[c] = System.nanoTime() - t;
        }
        double totalMs = (System.nanoTime() - start) / 1e6;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long book = run.customers();
        double perCustomer = totalMs / ids.size();
        System.out.printf("%n== baseline: one customer at a time (features read for him, nearest centroid in Java, one insert, "
                        + "one transaction each), run %d%n  %.2f ms per customer (p50 %.2f, p95 %.2f; sample %,d), "
                        + "extrapolated to %,d customers: %,.0f s%n",
                run.id(), perCustomer, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6, ids.size(),
                book, perCustomer * book / 1000);
        Map<String, Long> agreement = new LinkedHashMap<>();
        jdbc.sql("""
                        select count(*) filter (where m.cluster_no = b.cluster_no) as same,
                               count(*) filter (where m.cluster_no <> b.cluster_no) as different,
                               count(*) filter (where m.cluster_no is null) as missing
                          from bench_cluster_member b
                          left join need_cluster_member m on m.run_id = b.run_id and m.customer_id = b.customer_id""")
                .query(rs -> {
                    agreement.put("same", rs.getLong("same"));
                    agreement.put("different", rs.getLong("different"));
                    agreement.put("missing", rs.getLong("missing"));
                });
        System.out.printf("  agreement with the set-based assignment on the sample: %s%n", agreement);
        List<String> differing = new ArrayList<>(jdbc.sql("""
                        select b.customer_id || ': ' || b.cluster_no || ' one by one, ' || m.cluster_no || ' set-based'
                          from bench_cluster_member b join need_cluster_member m on m.run_id = b.run_id and m.customer_id = b.customer_id
                         where m.cluster_no <> b.cluster_no limit 5""").query(String.class).list());
        differing.forEach(line -> System.out.println("  differs: " + line));
        jdbc.sql("drop table bench_cluster_member").update();
    }

    /** The nearest centroid's number (1-based), ties to the lower number, as the assignment SQL. */
    static int nearest(double[] z, List<double[]> centroids) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.size(); c++) {
            double distance = 0;
            for (int i = 0; i < z.length; i++) {
                double d = z[i] - centroids.get(c)[i];
                distance += d * d;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best + 1;
    }
}
