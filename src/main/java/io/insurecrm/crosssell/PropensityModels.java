package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The propensity models of the book: learning one per product line from holdings and demographics (the CoIL
 * caravan model's {@link LogisticRegression}, generalised to any feature list), storing them as a new version with
 * their hold-out metrics, loading the latest version, and scoring the whole book into {@code crosssell_score}
 * ({@link BookScoring}). Runs outside the web request (see {@link ModelTraining}).
 */
@Service
public class PropensityModels {

    /** Above this many analysable customers, training reads a deterministic sample of about this size. */
    static final int MAX_TRAINING_ROWS = 100_000;
    static final int MIN_CLASS = 10;
    /** work_mem of the set-based feature and scoring statements (set local to their transaction). */
    static final String WORK_MEM = "256MB";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final int scoringWorkers;

    PropensityModels(JdbcClient jdbc, DataSource dataSource, Clock clock,
                     @Value("${crm.crosssell.scoring-workers:2}") int scoringWorkers) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.scoringWorkers = scoringWorkers;
    }

    /**
     * The models of the latest complete version (the one the book was last scored with), per line; empty when none
     * is trained yet.
     */
    public Map<ProductLine, LineModel> latest() {
        Map<ProductLine, LineModel> models = new EnumMap<>(ProductLine.class);
        jdbc.sql("""
                        select * from crosssell_model
                         where version = (select model_version from crosssell_score_run order by id desc limit 1)
                         order by line""")
                .query(PropensityModels::model).list().forEach(m -> models.put(m.line(), m));
        return models;
    }

    /** Every stored model, newest version first. */
    public List<LineModel> history() {
        return jdbc.sql("select * from crosssell_model order by version desc, line").query(PropensityModels::model).list();
    }

    record Data(long[] ids, double[][] x, int[] holds) {
    }

    /** Book features of the analysable customers matching the filter (on customer c0). */
    Data features(String customerFilter, Map<String, ?> params) {
        List<Long> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<Integer> holds = new ArrayList<>();
        int k = BookFeatures.ALL.size();
        var spec = jdbc.sql(BookFeatures.query(customerFilter)).param("today", LocalDate.now(clock));
        for (Map.Entry<String, ?> p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        spec.query(rs -> {
            ids.add(rs.getLong(1));
            holds.add(rs.getInt(2));
            double[] row = new double[k];
            for (int j = 0; j < k; j++) {
                row[j] = rs.getInt(3 + j);
            }
            rows.add(row);
        });
        return new Data(ids.stream().mapToLong(Long::longValue).toArray(), rows.toArray(double[][]::new),
                holds.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The training data: every analysable customer, or a deterministic sample when there are many. */
    Data trainingData() {
        jdbc.sql("set local work_mem = '" + WORK_MEM + "'").update();   // within the caller's transaction
        long individuals = jdbc.sql("select count(*) from customer where kind = 'INDIVIDUAL'").query(Long.class).single();
        if (individuals <= MAX_TRAINING_ROWS) {
            return features("true", Map.of());
        }
        int perMille = (int) Math.max(1, Math.round(1000.0 * MAX_TRAINING_ROWS / individuals));
        // a hash of the id, so the sample is independent of the hold-out (id divisible by 5)
        return features("abs(hashint8(c0.id) % 1000) < :perMille", Map.of("perMille", perMille));
    }

    /**
     * Learns the model of one line on the data (hold-out = customers whose id is divisible by 5) and stores it.
     * @return the model, or empty when the line has fewer than {@value #MIN_CLASS} holders or non-holders
     */
    Optional<LineModel> train(ProductLine line, Data data, int version, long runId) {
        long start = System.nanoTime();
        int bit = 1 << BookFeatures.LINES.indexOf(line);
        List<String> names = BookFeatures.namesFor(line);
        int[] positions = new int[names.size()];
        for (int j = 0; j < positions.length; j++) {
            positions[j] = BookFeatures.names().indexOf(names.get(j));
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> holdout = new ArrayList<>();
        for (int i = 0; i < data.ids().length; i++) {
            (data.ids()[i] % 5 == 0 ? holdout : train).add(i);
        }
        int positives = (int) train.stream().filter(i -> (data.holds()[i] & bit) != 0).count();
        if (positives < MIN_CLASS || train.size() - positives < MIN_CLASS) {
            return Optional.empty();
        }
        int d = names.size();
        double[] means = new double[d];
        double[] sds = new double[d];
        for (int i : train) {
            for (int j = 0; j < d; j++) {
                means[j] += data.x()[i][positions[j]];
            }
        }
        for (int j = 0; j < d; j++) {
            means[j] /= train.size();
        }
        for (int i : train) {
            for (int j = 0; j < d; j++) {
                double dev = data.x()[i][positions[j]] - means[j];
                sds[j] += dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            sds[j] = Math.sqrt(sds[j] / train.size());
            if (sds[j] < 1e-12) {
                sds[j] = 1;   // a constant feature: its standardised value is 0 everywhere
            }
        }
        double[][] x = new double[train.size()][];
        int[] y = new int[train.size()];
        for (int r = 0; r < x.length; r++) {
            int i = train.get(r);
            x[r] = standardise(data.x()[i], positions, means, sds);
            y[r] = (data.holds()[i] & bit) != 0 ? 1 : 0;
        }
        LogisticRegression regression = new LogisticRegression(CaravanPropensityModel.DEFAULT_LAMBDA).fit(x, y);
        double[] w = regression.weights();
        double[] scores = new double[holdout.size()];
        int[] labels = new int[holdout.size()];
        for (int r = 0; r < scores.length; r++) {
            int i = holdout.get(r);
            scores[r] = LogisticRegression.sigmoid(LogisticRegression.logit(w, standardise(data.x()[i], positions, means, sds)));
            labels[r] = (data.holds()[i] & bit) != 0 ? 1 : 0;
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        LineModel model = new LineModel(line, version, clock.instant(), train.size(), positives, holdout.size(),
                Metrics.auc(scores, labels), Metrics.logLoss(scores, labels), Metrics.liftTop(scores, labels, 0.2), took,
                names, means, sds, w);
        store(model, runId);
        return Optional.of(model);
    }

    private static double[] standardise(double[] row, int[] positions, double[] means, double[] sds) {
        double[] x = new double[positions.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = (row[positions[j]] - means[j]) / sds[j];
        }
        return x;
    }

    private void store(LineModel m, long runId) {
        jdbc.sql("""
                        insert into crosssell_model (version, line, run_id, trained_at, train_rows, positives, holdout_rows,
                            auc, log_loss, lift_top20, took_ms, features, means, sds, weights)
                        values (:version, :line, :run, :at, :rows, :positives, :holdout, :auc, :logLoss, :lift, :took,
                            :features, :means, :sds, :weights)""")
                .param("version", m.version()).param("line", m.line().name()).param("run", runId)
                .param("at", Timestamp.from(m.trainedAt())).param("rows", m.trainRows()).param("positives", m.positives())
                .param("holdout", m.holdoutRows()).param("auc", finite(m.auc())).param("logLoss", finite(m.logLoss()))
                .param("lift", finite(m.liftTop20())).param("took", m.tookMs())
                .param("features", m.features().toArray(String[]::new))
                .param("means", boxed(m.means())).param("sds", boxed(m.sds())).param("weights", boxed(m.weights()))
                .update();
    }

    /**
     * Scores every analysable customer for every line and makes it the book's scores in one switch (see
     * {@link BookScoring}): parallel over id ranges, features and logits in Java, COPY into the run's partition.
     * Outside a transaction; inside one (tests) it runs on that transaction's connection. @return the run row's id
     */
    long scoreBook(Map<ProductLine, LineModel> models, int version) {
        return new BookScoring(dataSource, clock, scoringWorkers).score(models, version);
    }

    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }

    private static Double[] boxed(double[] values) {
        return Arrays.stream(values).boxed().toArray(Double[]::new);
    }

    private static double[] doubles(java.sql.Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values[i]).doubleValue();
        }
        return out;
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static LineModel model(ResultSet rs, int n) throws SQLException {
        return new LineModel(ProductLine.valueOf(rs.getString("line")), rs.getInt("version"),
                rs.getTimestamp("trained_at").toInstant(), rs.getInt("train_rows"), rs.getInt("positives"),
                rs.getInt("holdout_rows"), nullable(rs, "auc"), nullable(rs, "log_loss"), nullable(rs, "lift_top20"),
                rs.getLong("took_ms"), GapRules.strings(rs.getArray("features")), doubles(rs.getArray("means")),
                doubles(rs.getArray("sds")), doubles(rs.getArray("weights")));
    }
}
