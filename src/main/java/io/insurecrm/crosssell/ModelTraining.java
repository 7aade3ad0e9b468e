package io.insurecrm.crosssell;

import io.insurecrm.platform.BackgroundTask;
import io.insurecrm.product.ProductLine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retraining on demand: a run trains one model per product line (a step each), stores them as the next version,
 * then scores the book (the last step), on a background thread, its progress in {@code crosssell_training_run}.
 * One run at a time; a run cut short by a restart is marked failed at the next start, and simply run again.
 */
@Service
public class ModelTraining {

    private static final Logger log = LoggerFactory.getLogger(ModelTraining.class);

    private final JdbcClient jdbc;
    private final PropensityModels models;
    private final TransactionTemplate tx;
    private final Clock clock;

    ModelTraining(JdbcClient jdbc, PropensityModels models, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.models = models;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Starts a run in the background. @throws TrainingAlreadyRunning when one is already running
     */
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public TrainingRun start(String by) {
        long id = insertRun(by);
        BackgroundTask.start("crosssell-training-" + id, () -> run(id), log, "Cross-sell training run " + id + " failed");
        return find(id).orElseThrow();
    }

    /** Runs a training run in the calling thread (tests, benchmark); same rules as {@link #start}. */
    public TrainingRun runNow(String by) {
        long id = insertRun(by);
        run(id);
        return find(id).orElseThrow();
    }

    private long insertRun(String by) {
        try {
            return jdbc.sql("""
                            insert into crosssell_training_run (status, requested_by, started_at, steps_total, step)
                            values ('RUNNING', :by, :at, :steps, 'reading') returning id""")
                    .param("by", by).param("at", Timestamp.from(clock.instant()))
                    .param("steps", BookFeatures.LINES.size() + 2).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new TrainingAlreadyRunning();
        }
    }

    void run(long id) {
        try {
            PropensityModels.Data data = tx.execute(s -> models.trainingData());
            progress(id, "features", 1);
            int version = jdbc.sql("select coalesce(max(version), 0) + 1 from crosssell_model").query(Integer.class).single();
            Map<ProductLine, LineModel> trained = new EnumMap<>(ProductLine.class);
            int step = 1;
            for (ProductLine line : BookFeatures.LINES) {
                tx.executeWithoutResult(s -> models.train(line, data, version, id).ifPresent(m -> trained.put(line, m)));
                progress(id, line.name(), ++step);
            }
            if (trained.isEmpty()) {
                finish(id, "FAILED", null, "no line has " + PropensityModels.MIN_CLASS + " holders and non-holders among "
                        + data.ids().length + " customers with analytics consent");
                return;
            }
            models.scoreBook(trained, version);   // its own connections and switch (in the caller's transaction if any)
            finish(id, "DONE", version, trained.size() + " lines trained on " + data.ids().length
                    + " customers with analytics consent; book scored");
        } catch (RuntimeException e) {
            finish(id, "FAILED", null, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private void progress(long id, String step, int done) {
        jdbc.sql("update crosssell_training_run set step = :step, steps_done = :done where id = :id")
                .param("step", step).param("done", done).param("id", id).update();
    }

    private void finish(long id, String status, Integer version, String message) {
        jdbc.sql("""
                        update crosssell_training_run set status = :status, finished_at = :at, model_version = :version,
                               message = :message, steps_done = case when :status = 'DONE' then steps_total else steps_done end
                         where id = :id""")
                .param("status", status).param("at", Timestamp.from(clock.instant())).param("version", version)
                .param("message", message).param("id", id).update();
    }

    public Optional<TrainingRun> find(long id) {
        return jdbc.sql("select * from crosssell_training_run where id = :id").param("id", id)
                .query(ModelTraining::row).optional();
    }

    public List<TrainingRun> recent(int limit) {
        return jdbc.sql("select * from crosssell_training_run order by id desc limit :n").param("n", limit)
                .query(ModelTraining::row).list();
    }

    @EventListener(ApplicationReadyEvent.class)
    void markInterrupted() {
        jdbc.sql("""
                        update crosssell_training_run set status = 'FAILED', finished_at = now(),
                               message = 'interrupted by a restart: start it again' where status = 'RUNNING'""").update();
    }

    private static TrainingRun row(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new TrainingRun(rs.getLong("id"), rs.getString("status"), rs.getString("requested_by"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getInt("steps_total"), rs.getInt("steps_done"), rs.getString("step"),
                (Integer) rs.getObject("model_version"), rs.getString("message"));
    }
}
