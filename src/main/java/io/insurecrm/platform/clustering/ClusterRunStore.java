package io.insurecrm.platform.clustering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle of versioned clustering runs kept in one table of a module (need_cluster_run, coil_cluster_run): a
 * run is opened RUNNING (one at a time: the table's partial unique index), reports its phase and progress committed on
 * the side, does its work in one transaction, and ends FINISHED — or FAILED with the error, its work rolled back, the
 * current run unchanged. The latest FINISHED run is the current one. The table shares the columns read into
 * {@link Columns}; what a module adds (extra columns, its own run record) comes in as a mapper. Table and column
 * names are constants of the module's code, never input: they are checked to be plain SQL identifiers.
 *
 * @param <R> the module's run record
 */
public final class ClusterRunStore<R> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final int MAX_ERROR = 2000;

    /** A run as every such table holds it; status and phase are the names of the module's enums. */
    public record Columns(long id, String status, String phase, int progress, Integer requestedK, Integer k, long seed,
                          Integer customers, Double silhouette, Map<Integer, Double> kScores, String startedBy,
                          Instant startedAt, Instant finishedAt, String error) {
    }

    /** The module's run record from the shared columns and the extra ones of the row. */
    @FunctionalInterface
    public interface RunMapper<R> {
        R map(Columns columns, ResultSet rs) throws SQLException;
    }

    /** What a finished fit leaves on its run: k, customers assigned, the book mean and sd per feature, the scores. */
    public record Finished(int k, int customers, double[] featureMeans, double[] featureSds, double silhouette,
                           Map<Integer, Double> kScores) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate work;
    private final TransactionTemplate side;
    private final Clock clock;
    /** When this instance made the store (at start): runs opened before it and still RUNNING were interrupted. */
    private final Instant createdAt;
    private final String table;
    private final String select;
    private final RunMapper<R> mapper;
    private final LongFunction<? extends RunInProgress> inProgress;

    /**
     * @param table        the run table (a constant)
     * @param extraColumns what the module reads beyond {@link Columns} (plain column names)
     * @param mapper       the module's run record from a row
     * @param inProgress   the module's refusal of a second run, given the running one's id
     */
    public ClusterRunStore(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, String table,
                           List<String> extraColumns, RunMapper<R> mapper, LongFunction<? extends RunInProgress> inProgress) {
        this.jdbc = jdbc;
        this.work = new TransactionTemplate(transactions);
        this.side = new TransactionTemplate(transactions);
        this.side.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.createdAt = clock.instant();
        this.table = identifier(table);
        extraColumns.forEach(ClusterRunStore::identifier);
        this.select = "select id, status, phase, progress, requested_k, k, seed, customers, silhouette, k_scores::text as k_scores, "
                + "started_by, started_at, finished_at, error" + extraColumns.stream().map(c -> ", " + c).reduce("", String::concat)
                + " from " + this.table;
        this.mapper = mapper;
        this.inProgress = inProgress;
    }

    private static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }

    /**
     * Opens a run (RUNNING, phase FEATURES, 0 %) committed on the side and returns its id; {@code extra} are the
     * module's further columns and their values. Refused with the module's {@link RunInProgress} while one runs.
     */
    public long open(Integer requestedK, long seed, String[] features, String by, Map<String, ?> extra) {
        extra.keySet().forEach(ClusterRunStore::identifier);
        StringBuilder columns = new StringBuilder("status, phase, progress, requested_k, seed, features, started_by, started_at");
        StringBuilder values = new StringBuilder("'RUNNING', 'FEATURES', 0, :k, :seed, :features, :by, :now");
        extra.keySet().forEach(column -> {
            columns.append(", ").append(column);
            values.append(", :").append(column);
        });
        try {
            return side.execute(status -> {
                JdbcClient.StatementSpec insert = jdbc.sql("insert into " + table + " (" + columns + ") values (" + values
                                + ") returning id")
                        .param("k", requestedK).param("seed", seed).param("features", features).param("by", by)
                        .param("now", Timestamp.from(clock.instant()));
                for (Map.Entry<String, ?> e : extra.entrySet()) {
                    insert = insert.param(e.getKey(), e.getValue());
                }
                return insert.query(Long.class).single();
            });
        } catch (DuplicateKeyException e) {
            throw inProgress.apply(runningId().orElse(0L));
        }
    }

    /** Records the phase and progress of a run, committed on the side so pages show it while the work goes on. */
    public void progress(long runId, Enum<?> phase, int percent) {
        side.executeWithoutResult(status -> jdbc.sql("update " + table + " set phase = :phase, progress = :progress where id = :id")
                .param("phase", phase.name()).param("progress", percent).param("id", runId).update());
    }

    /**
     * Does the work of a run in one transaction; a failure marks the run FAILED (on the side) and is rethrown. The
     * transaction holds the run's advisory lock ({@link #lockKey()}, the run id) from its start to its end: an instance
     * starting meanwhile sees the run alive (the lock is released at once when the instance dies with its connection).
     */
    public void execute(long runId, Runnable fitAndAssign) {
        try {
            work.executeWithoutResult(status -> {
                jdbc.sql("select pg_advisory_xact_lock(:key, cast(:run as integer))").param("key", lockKey()).param("run", runId)
                        .query(Object.class).single();
                fitAndAssign.run();
            });
        } catch (RuntimeException e) {
            fail(runId, e);
            throw e;
        }
    }

    /** {@link #execute} on the executor; a failure is recorded on the run and logged. */
    public void executeInBackground(Executor executor, long runId, Runnable fitAndAssign, Logger log, String what) {
        executor.execute(() -> {
            try {
                execute(runId, fitAndAssign);
            } catch (RuntimeException e) {
                log.warn("{} {} failed", what, runId, e);
            }
        });
    }

    private void fail(long runId, RuntimeException failure) {
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        side.executeWithoutResult(status -> jdbc.sql("update " + table + " set status = 'FAILED', error = :error where id = :id")
                .param("error", message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message).param("id", runId)
                .update());
    }

    /**
     * Fails the runs left RUNNING by a stopped application (their work rolled back); returns how many. Only runs opened
     * before this store was made — a run this instance opened while starting (the demo start-up's CoIL load starts one
     * before the application is ready) is alive — and whose work lock nobody holds: another instance's run that is
     * still working holds it (see {@link #execute}), one whose instance died does not.
     */
    public int failInterrupted() {
        return jdbc.sql("update " + table + " set status = 'FAILED', error = 'interrupted: the application stopped' "
                        + "where status = 'RUNNING' and started_at < :since and pg_try_advisory_xact_lock(:key, cast(id as integer))")
                .param("since", Timestamp.from(createdAt)).param("key", lockKey()).update();
    }

    /** The first key of the runs' advisory locks: one per run table (the second is the run id). */
    private int lockKey() {
        return ("cluster-run:" + table).hashCode();
    }

    /**
     * Ends a run FINISHED (DONE, 100 %) with what the fit found, in the work transaction; {@code extra} are the module's
     * further columns and their values.
     */
    public void finish(long runId, Finished finished, Map<String, ?> extra) {
        extra.keySet().forEach(ClusterRunStore::identifier);
        StringBuilder sets = new StringBuilder();
        extra.keySet().forEach(column -> sets.append(", ").append(column).append(" = :").append(column));
        JdbcClient.StatementSpec update = jdbc.sql("update " + table + " " + """
                         set status = 'FINISHED', phase = 'DONE', progress = 100, k = :k, customers = :customers,
                             feature_means = :means, feature_sds = :sds, silhouette = :silhouette,
                             k_scores = cast(:scores as jsonb), finished_at = :now""" + sets + " where id = :run")
                .param("k", finished.k()).param("customers", finished.customers())
                .param("means", boxed(finished.featureMeans())).param("sds", boxed(finished.featureSds()))
                .param("silhouette", finished.silhouette())
                .param("scores", finished.kScores().isEmpty() ? null : JSON.writeValueAsString(finished.kScores()))
                .param("now", Timestamp.from(clock.instant())).param("run", runId);
        for (Map.Entry<String, ?> e : extra.entrySet()) {
            update = update.param(e.getKey(), e.getValue());
        }
        update.update();
    }

    /** Deletes the members of all but the {@code keep} latest finished runs from the module's member table. */
    public void keepMembersOfLatest(String memberTable, int keep) {
        jdbc.sql("delete from " + identifier(memberTable) + " where run_id in (select id from " + table
                        + " where status = 'FINISHED' order by id desc offset :keep)")
                .param("keep", keep).update();
    }

    /**
     * Follows the clusters of run {@code runId} (in its work transaction, its members written) from the previous
     * FINISHED run, in one statement over the member table, which holds both runs' members: each cluster gets the
     * previous run's cluster sharing the most members (ties to the lower number) as {@code previous_cluster_no} and
     * the members it shares with it divided by its own members as {@code carried_share}. A cluster with no member in
     * common with the previous run, or a run with no previous finished run, keeps both null. Returns the clusters
     * matched.
     *
     * @param clusterTable the module's cluster table (run_id, cluster_no, previous_cluster_no, carried_share)
     * @param memberTable  the module's member table (run_id, cluster_no and the columns naming a member)
     * @param memberKey    the columns naming a member, for instance customer_id
     */
    public int followPrevious(String clusterTable, String memberTable, List<String> memberKey, long runId) {
        if (memberKey.isEmpty()) {
            throw new IllegalArgumentException("a member is named by at least one column");
        }
        String sameMember = memberKey.stream().map(ClusterRunStore::identifier)
                .map(column -> "p." + column + " = m." + column).reduce((a, b) -> a + " and " + b).orElseThrow();
        String members = identifier(memberTable);
        return jdbc.sql("""
                        with previous as (
                                 select max(id) as id from %1$s where status = 'FINISHED' and id < :run),
                             sizes as (
                                 select cluster_no, count(*) as members from %2$s where run_id = :run group by cluster_no),
                             shared as (
                                 select m.cluster_no, p.cluster_no as previous_no, count(*) as shared
                                   from %2$s m
                                   join %2$s p on p.run_id = (select id from previous) and %3$s
                                  where m.run_id = :run
                                  group by m.cluster_no, p.cluster_no),
                             best as (
                                 select distinct on (cluster_no) cluster_no, previous_no, shared
                                   from shared order by cluster_no, shared desc, previous_no)
                        update %4$s c
                           set previous_cluster_no = b.previous_no, carried_share = b.shared::float8 / s.members
                          from best b join sizes s on s.cluster_no = b.cluster_no
                         where c.run_id = :run and c.cluster_no = b.cluster_no""".formatted(table, members, sameMember,
                        identifier(clusterTable)))
                .param("run", runId).update();
    }

    /** An array parameter of doubles; NaN (no value) is null. */
    public static Double[] boxed(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Double.isNaN(v) ? null : v).toArray(Double[]::new);
    }

    // ---- reading ----

    /** The current run: the latest finished one; its id is the version of the clusters. */
    public Optional<R> current() {
        return jdbc.sql(select + " where status = 'FINISHED' order by id desc limit 1").query(this::row).optional();
    }

    /** The run in progress, if any. */
    public Optional<R> running() {
        return jdbc.sql(select + " where status = 'RUNNING'").query(this::row).optional();
    }

    private Optional<Long> runningId() {
        return jdbc.sql("select id from " + table + " where status = 'RUNNING'").query(Long.class).optional();
    }

    public Optional<R> run(long id) {
        return jdbc.sql(select + " where id = :id").param("id", id).query(this::row).optional();
    }

    /** The latest runs, newest first. */
    public List<R> runs(int limit) {
        return jdbc.sql(select + " order by id desc limit :limit").param("limit", limit).query(this::row).list();
    }

    private R row(ResultSet rs, int row) throws SQLException {
        String scores = rs.getString("k_scores");
        Map<Integer, Double> kScores = new LinkedHashMap<>();
        if (scores != null) {
            JSON.readTree(scores).properties().forEach(e -> kScores.put(Integer.valueOf(e.getKey()), e.getValue().asDouble()));
        }
        Timestamp finished = rs.getTimestamp("finished_at");
        double silhouette = rs.getDouble("silhouette");
        Double silhouetteOrNull = rs.wasNull() ? null : silhouette;
        Columns columns = new Columns(rs.getLong("id"), rs.getString("status"), rs.getString("phase"), rs.getInt("progress"),
                rs.getObject("requested_k", Integer.class), rs.getObject("k", Integer.class), rs.getLong("seed"),
                rs.getObject("customers", Integer.class), silhouetteOrNull, kScores, rs.getString("started_by"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(), rs.getString("error"));
        return mapper.map(columns, rs);
    }
}
