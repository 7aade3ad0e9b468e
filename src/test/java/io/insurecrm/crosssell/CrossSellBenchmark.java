package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times the cross-sell models (docs/benchmarks.md, cross-sell section): training the CoIL caravan model; on a
 * migrated book, reading the training features, training one model per line, and scoring the whole book for every
 * line the app's way ({@link BookScoring}: id ranges over several connections, features and logits in Java, COPY,
 * switch) beside the previous path as the baseline (one INSERT … SELECT, features and logits in SQL), checking that
 * both give the same scores; with {@code -DjavaBaseline=true} also the cursor + Java + COPY path on one connection;
 * then one customer's features. Not a test: run it through {@code bench/crosssell.sh JDBC_URL [TRAIN]}. It migrates the database and
 * writes models and scores: use a scratch copy of a book.
 */
public final class CrossSellBenchmark {

    static final int WORKERS = Integer.getInteger("workers", 2);

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CrossSellBenchmark JDBC_URL [ticdata2000.txt]");
            System.exit(2);
        }
        String url = args[0];
        Locale.setDefault(Locale.ROOT);
        if (args.length > 1 && Files.exists(Path.of(args[1]))) {
            coil(Path.of(args[1]));
        }
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, true);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Clock clock = Clock.systemUTC();
        // the app's scoring takes connections of its own (a pool of WORKERS + 1)
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(WORKERS + 2);
        PropensityModels models = new PropensityModels(jdbc, pool, clock, WORKERS);
        System.out.println(jdbc.sql("select version()").query(String.class).single());
        System.out.printf("book: %,d customers (%,d individuals), %,d policies, %,d LIFE_STAGE placements, %,d with analytics consent; load %s%n",
                count(jdbc, "select count(*) from customer"), count(jdbc, "select count(*) from customer where kind = 'INDIVIDUAL'"),
                count(jdbc, "select count(*) from policy"),
                count(jdbc, "select count(*) from segment_placement where dimension = 'LIFE_STAGE' and valid_to is null"),
                count(jdbc, "select count(*) from consent where purpose = 'ANALYTICS' and granted"), load());

        // a fresh copy of book1m has never had consent analysed (loaded last): the planner would take it for empty
        long analyse = System.nanoTime();
        jdbc.sql("analyze consent, customer, policy, household_member, segment_placement").update();
        System.out.printf("analyze of the tables read                          %,8d ms%n", ms(analyse));
        long start = System.nanoTime();
        PropensityModels.Data data = tx.execute(s -> models.trainingData());
        System.out.printf("training features (deterministic sample)          %,8d ms  %,d customers%n", ms(start), data.ids().length);
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from crosssell_model").query(Integer.class).single();
        long runId = jdbc.sql("""
                        insert into crosssell_training_run (status, requested_by, started_at, steps_total, step)
                        values ('DONE', 'benchmark', now(), 0, 'benchmark') returning id""").query(Long.class).single();
        Map<ProductLine, LineModel> trained = new EnumMap<>(ProductLine.class);
        long trainStart = System.nanoTime();
        for (ProductLine line : BookFeatures.LINES) {
            long t = System.nanoTime();
            tx.executeWithoutResult(s -> models.train(line, data, version, runId).ifPresent(m -> trained.put(line, m)));
            LineModel m = trained.get(line);
            System.out.printf("  train %-20s %,8d ms  %s%n", line, ms(t), m == null ? "skipped (too few holders)"
                    : String.format("rows %,d, holders %,d, hold-out AUC %.3f, lift top 20%% %.2f", m.trainRows(), m.positives(),
                    m.auc(), m.liftTop20()));
        }
        System.out.printf("training all %d lines                              %,8d ms%n", trained.size(), ms(trainStart));

        int rounds = Integer.getInteger("rounds", 2);
        for (int round = 1; round <= rounds; round++) {
            long t = System.nanoTime();
            long scoreRun = models.scoreBook(trained, version);
            long customers = jdbc.sql("select customers from crosssell_score_run where id = :id").param("id", scoreRun)
                    .query(Long.class).single();
            System.out.printf("app: score book, %d workers over id ranges + Java + COPY, switch, round %d  %,8d ms  %,d customers × %d lines; load %s%n",
                    WORKERS, round, ms(t), customers, trained.size(), load());
            t = System.nanoTime();
            double cpu0 = backendCpu(jdbc);
            long inserted = tx.execute(s -> oneStatement(jdbc, trained));
            double cpu = backendCpu(jdbc) - cpu0;
            System.out.printf("baseline: one INSERT … SELECT (features and logits in SQL), round %d  %,8d ms  %,d customers × %d lines; server CPU %.1f s; load %s%n",
                    round, ms(t), inserted, trained.size(), cpu, load());
            compare(jdbc, scoreRun);
        }
        if (Boolean.getBoolean("javaBaseline")) {
            long t = System.nanoTime();
            long copied = javaBaseline(url, trained);
            System.out.printf("cursor over the SQL features + Java scoring + COPY (one connection)  %,8d ms  %,d customers; load %s%n",
                    ms(t), copied, load());
        }
        long t = System.nanoTime();
        long someone = jdbc.sql("select customer_id from crosssell_score order by customer_id limit 1").query(Long.class).single();
        PropensityModels.Data one = models.features("c0.id = :id", Map.of("id", someone));
        System.out.printf("one customer's features (next-best on the 360)     %,8d ms  %d row%n", ms(t), one.ids().length);
    }

    /**
     * The baseline, the app's previous path: one INSERT … SELECT of the SQL features with every line's logit as a
     * linear SQL expression (standardisation folded into the weights), into a plain table of its own, work_mem 256MB.
     */
    static long oneStatement(JdbcClient jdbc, Map<ProductLine, LineModel> models) {
        List<ProductLine> lines = BookFeatures.LINES.stream().filter(models::containsKey).toList();
        StringBuilder scores = new StringBuilder("array[");
        StringBuilder holds = new StringBuilder("0");
        for (int i = 0; i < lines.size(); i++) {
            scores.append(i == 0 ? "" : ", ").append("(1 / (1 + exp(-greatest(least(")
                    .append(models.get(lines.get(i)).logitSql()).append(", 40), -40))))::real");
            int bookBit = 1 << BookFeatures.LINES.indexOf(lines.get(i));
            holds.append(" + case when f.holds & ").append(bookBit).append(" <> 0 then ").append(1 << i).append(" else 0 end");
        }
        scores.append("]::real[]");
        jdbc.sql("create table if not exists crosssell_score_sql (customer_id bigint primary key, scores real[] not null, holds integer not null)").update();
        jdbc.sql("truncate crosssell_score_sql").update();
        jdbc.sql("set local work_mem = '" + PropensityModels.WORK_MEM + "'").update();
        return jdbc.sql("insert into crosssell_score_sql (customer_id, scores, holds) select f.id, " + scores + ", " + holds
                        + " from (" + BookFeatures.query("true") + ") f")
                .param("today", LocalDate.now()).update();
    }

    /** The app's scores against the baseline's: same customers, same holds, largest difference of a score. */
    static void compare(JdbcClient jdbc, long run) {
        var row = jdbc.sql("""
                        select (select count(*) from crosssell_score where run_id = :run) as app,
                               (select count(*) from crosssell_score_sql) as baseline,
                               count(*) as both, count(*) filter (where a.holds <> b.holds) as holds_differ,
                               max((select max(abs(x - y)) from unnest(a.scores, b.scores) as u(x, y))) as max_diff
                          from crosssell_score a join crosssell_score_sql b using (customer_id) where a.run_id = :run""")
                .param("run", run).query((rs, n) -> String.format("app %,d rows, baseline %,d, in both %,d, holds differ %,d, largest score difference %s",
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getObject(5))).single();
        System.out.println("  check: " + row);
    }

    /** The baseline: features streamed over a cursor, scored in Java, scores COPYed into a table of their own. */
    static long javaBaseline(String url, Map<ProductLine, LineModel> models) throws Exception {
        List<LineModel> ordered = BookFeatures.LINES.stream().filter(models::containsKey).map(models::get).toList();
        List<int[]> positions = new ArrayList<>();
        ordered.forEach(m -> positions.add(m.positions()));
        int k = BookFeatures.ALL.size();
        long rows = 0;
        try (Connection read = DriverManager.getConnection(url); Connection write = DriverManager.getConnection(url)) {
            read.setAutoCommit(false);
            write.setAutoCommit(false);
            try (Statement s = write.createStatement()) {
                s.execute("create table if not exists crosssell_score_java (customer_id bigint primary key, scores real[] not null, holds integer not null)");
                s.execute("truncate crosssell_score_java");
            }
            CopyManager copy = write.unwrap(PGConnection.class).getCopyAPI();
            try (PreparedStatement ps = read.prepareStatement(BookFeatures.query("true").replace(":today", "?"))) {
                ps.setObject(1, LocalDate.now());
                ps.setFetchSize(20_000);
                StringBuilder buffer = new StringBuilder(4 << 20);
                try (ResultSet rs = ps.executeQuery()) {
                    double[] x = new double[k];
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        int holds = rs.getInt(2);
                        for (int j = 0; j < k; j++) {
                            x[j] = rs.getInt(3 + j);
                        }
                        buffer.append(id).append("\t{");
                        for (int i = 0; i < ordered.size(); i++) {
                            LineModel m = ordered.get(i);
                            double z = LogisticRegression.logit(m.weights(), m.standardised(x, positions.get(i)));
                            buffer.append(i == 0 ? "" : ",").append((float) LogisticRegression.sigmoid(z));
                        }
                        buffer.append("}\t").append(holds).append('\n');
                        if (++rows % 50_000 == 0) {
                            copy.copyIn("copy crosssell_score_java from stdin", new StringReader(buffer.toString()));
                            buffer.setLength(0);
                        }
                    }
                }
                copy.copyIn("copy crosssell_score_java from stdin", new StringReader(buffer.toString()));
            }
            write.commit();
            read.commit();
        }
        return rows;
    }

    static void coil(Path train) {
        CoilData data = CoilData.readTraining(train);
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            new CaravanPropensityModel().train(data.customers(), data.caravan());
            long took = System.nanoTime() - t;
            best = Math.min(best, took);
            total += took;
        }
        System.out.printf("CoIL caravan model training (%,d customers, 155 features): best %.0f ms, mean %.0f ms of 5%n",
                data.customers().size(), best / 1e6, total / 5e6);
    }

    /** CPU seconds (user + system) the server process of this connection has used so far; NaN when unreadable. */
    static double backendCpu(JdbcClient jdbc) {
        try {
            int pid = jdbc.sql("select pg_backend_pid()").query(Integer.class).single();
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
            return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
