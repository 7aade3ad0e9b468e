package io.insurecrm.segmentation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whole-book runs, chunked and resumable, recorded in segment_book_run (V48). A run places the book in chunks of
 * {@code crm.segmentation.chunk-size} customers by id, each chunk in a transaction of its own that writes its placements,
 * due days and rule tags ({@link SegmentRecompute#chunk}) and the run's checkpoint together: a chunk that fails leaves
 * its customers' previous placements, the chunks before it stay committed (each placement names the rule set that made
 * it), and resuming the run continues after the last committed chunk.
 * <p>
 * One whole-book run (or nightly run, {@link #nightly()}) at a time across instances: the owner holds the advisory
 * lock (LOCK_CLASS, 0) on a connection of its own for as long as it runs, and the lock (LOCK_CLASS, run id) that says
 * the run is alive. A RUNNING row whose lock nobody holds — its instance stopped or lost its connection — is shown as
 * INTERRUPTED. Any instance answers the status: it is read from the table.
 * <p>
 * A rule change re-places only its dimension (or only the rule tags) for the whole book in one transaction
 * ({@link #runRuleChange}), recorded in the same table with its dimension (V87), under the same book lock.
 */
@Service
public class SegmentBookRuns {

    private static final Logger log = LoggerFactory.getLogger(SegmentBookRuns.class);

    /** The longest reason a run may be asked for (or resumed) with. */
    public static final int MAX_REASON = 200;

    /** Two-int advisory locks: (LOCK_CLASS, 0) the book, (LOCK_CLASS, run id) a run's owner is alive. */
    static final int LOCK_CLASS = 0x5E6;

    /** A hook inside each chunk's transaction, after its writes and checkpoint (tests make a chunk fail with it). */
    interface ChunkHook {
        void inChunk(long runId, int chunkNo);
    }

    private final SegmentRecompute recompute;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate chunkTransaction;
    private final Clock clock;
    private final int chunkSize;
    private volatile ChunkHook hook = (runId, chunkNo) -> { };

    SegmentBookRuns(SegmentRecompute recompute, JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                    Clock clock, @Value("${crm.segmentation.chunk-size:100000}") int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("crm.segmentation.chunk-size must be at least 1, not " + chunkSize);
        }
        this.recompute = recompute;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.chunkTransaction = new TransactionTemplate(transactions);
        this.chunkTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.chunkSize = chunkSize;
    }

    void hook(ChunkHook hook) {
        this.hook = hook;
    }

    /** Why a run cannot be started or resumed: a message key of the segmentation bundle and its arguments. */
    public static final class Refused extends RuntimeException {

        private final String key;
        private final transient Object[] args;

        public Refused(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args;
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args.clone();
        }
    }

    /** The latest run (of any instance), RUNNING, COMPLETED, FAILED or INTERRUPTED. */
    public Optional<SegmentBookRun> latest() {
        return jdbc.sql(SELECT + " order by r.id desc limit 1").param("lockClass", LOCK_CLASS).query(this::map).optional();
    }

    public Optional<SegmentBookRun> find(long id) {
        return jdbc.sql(SELECT + " where r.id = :id").param("lockClass", LOCK_CLASS).param("id", id).query(this::map).optional();
    }

    /**
     * Starts a whole-book run in the background for the reason given (1–{@value #MAX_REASON} characters, checked by the
     * caller) and returns it (running); empty, starting nothing, while a whole-book or nightly run holds the book (on
     * any instance). An interrupted run is left as it is (the new run covers the whole book).
     */
    public Optional<SegmentBookRun> start(String startedBy, String reason) {
        Owner owner = Owner.acquire(dataSource, false);
        if (owner == null) {
            return Optional.empty();
        }
        long id = orRelease(owner, () -> begin(owner, startedBy, reason, null));
        background(owner, id);
        log.info("Whole-book segment run {} asked for by {}: {}", id, startedBy, reason);
        return find(id);
    }

    /**
     * Resumes a FAILED or INTERRUPTED run after its last committed chunk, in the background; empty when there is no such
     * run. Refused while a run holds the book, for a COMPLETED run (it writes nothing new) and for any run but the latest.
     */
    public Optional<SegmentBookRun> resume(long id, String resumedBy, String reason) {
        if (find(id).isEmpty()) {
            return Optional.empty();
        }
        Owner owner = Owner.acquire(dataSource, false);
        if (owner == null) {
            throw new Refused("segmentation.recompute.alreadyRunning", latest().map(SegmentBookRun::id).orElse(0L));
        }
        orRelease(owner, () -> {
            reopen(owner, id, resumedBy, reason);
            return id;
        });
        background(owner, id);
        log.info("Whole-book segment run {} resumed by {}: {}", id, resumedBy, reason);
        return find(id);
    }

    /**
     * A whole-book run in the caller's thread (a rule change, the first placement of a book, a benchmark): waits while
     * another run holds the book, then runs to the end. Throws when a chunk fails (the run is then FAILED, resumable).
     */
    public SegmentBookRun runNow(String startedBy, String reason) {
        Owner owner = Owner.acquire(dataSource, true);
        long id = orRelease(owner, () -> begin(owner, startedBy, reason, null));
        execute(owner, id);
        return find(id).orElseThrow();
    }

    /**
     * After a rule change of {@code dimension} (null: the tag rules), in the caller's thread: waits while another run
     * holds the book, then re-places only that dimension and the rule tags reading it ({@link SegmentRecompute#ruleChange}),
     * in one transaction, recorded as a run of that dimension. When the book is not otherwise up to date with the active
     * rules — no run recorded yet, a whole-book run left unfinished, another dimension's rules changed too — it is a
     * whole-book run instead ({@link #runNow}). Throws when the run fails (the previous placements stay; the run is then
     * FAILED, and resuming it runs the whole book).
     */
    public SegmentBookRun runRuleChange(Dimension dimension, String startedBy, String reason) {
        Owner owner = Owner.acquire(dataSource, true);
        String ruleSets;
        boolean byItself;
        try {
            markInterrupted(owner);
            ruleSets = recompute.activeRuleSets();
            // no run recorded: the book was placed by the single-transaction run or the nightly run (segment_batch says)
            byItself = latest().map(run -> run.state() == SegmentBookRun.State.COMPLETED).orElse(true)
                    && recompute.ruleChangeRunnable(dimension, LocalDate.now(clock), ruleSets);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
        if (!byItself) {
            long id = orRelease(owner, () -> begin(owner, startedBy, reason, null));
            execute(owner, id);
            return find(id).orElseThrow();
        }
        long id = orRelease(owner, () -> begin(owner, startedBy, reason, dimension == null ? "TAGS" : dimension.name()));
        List<String> steps = SegmentRecompute.ruleChangeSteps(dimension);
        long start = System.nanoTime();
        try {
            SegmentBookRun run = find(id).orElseThrow();
            owner.side.sql("update segment_book_run set chunk_customers = customers_total where id = :id").param("id", id).update();
            chunkTransaction.execute(status -> {
                SegmentRecompute.Run placed = recompute.ruleChange(dimension, run.day(), ruleSets, step -> owner.side
                        .sql("update segment_book_run set step = :step, step_no = :no where id = :id")
                        .param("step", step).param("no", steps.indexOf(step) + 1).param("id", id).update());
                jdbc.sql("""
                                update segment_book_run
                                   set last_customer_id = (select max(id) from customer), chunks_done = 1,
                                       customers_done = customers_total, placed = :placed, opened = :opened, closed = :closed,
                                       replaced = :replaced, took_ms = :took, step = null, step_no = 0, chunk_customers = 0,
                                       state = 'COMPLETED', finished_at = :now
                                 where id = :id""")
                        .param("placed", placed.placed()).param("opened", placed.opened()).param("closed", placed.closed())
                        .param("replaced", placed.replaced()).param("took", (System.nanoTime() - start) / 1_000_000)
                        .param("now", Timestamp.from(clock.instant())).param("id", id).update();
                hook.inChunk(id, 1);
                return null;
            });
            log.info("Rule-change run {} ({}) completed: {}", id, dimension == null ? "tag rules" : dimension,
                    find(id).map(SegmentBookRun::result).orElse(null));
        } catch (RuntimeException e) {
            failed(owner, id, e, start);
            throw e;
        } finally {
            owner.close();
        }
        return find(id).orElseThrow();
    }

    /** {@link #resume} in the caller's thread; throws when a chunk fails again. */
    public SegmentBookRun resumeNow(long id, String resumedBy, String reason) {
        Owner owner = Owner.acquire(dataSource, true);
        orRelease(owner, () -> {
            reopen(owner, id, resumedBy, reason);
            return id;
        });
        execute(owner, id);
        return find(id).orElseThrow();
    }

    /** Runs a step that prepares a run; when it fails, the book's lock is given back before the failure goes on. */
    private static long orRelease(Owner owner, java.util.function.LongSupplier step) {
        try {
            return step.getAsLong();
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * At start: an interrupted run (its instance stopped mid-way) is resumed in the caller's thread, when no other
     * instance holds the book; the runs of instances still running are left alone. Returns the run resumed.
     */
    public Optional<SegmentBookRun> resumeInterrupted(String by) {
        Owner owner = Owner.acquire(dataSource, false);
        if (owner == null) {
            return Optional.empty();
        }
        return resumeInterrupted(owner, by);
    }

    private Optional<SegmentBookRun> resumeInterrupted(Owner owner, String by) {
        try {
            markInterrupted(owner);
            Optional<SegmentBookRun> interrupted = latest().filter(run -> run.state() == SegmentBookRun.State.INTERRUPTED);
            if (interrupted.isEmpty()) {
                owner.close();
                return Optional.empty();
            }
            reopen(owner, interrupted.get().id(), by, "resumed after an interruption");
            log.info("Resuming whole-book segment run {}, interrupted after {} chunk(s)", interrupted.get().id(),
                    interrupted.get().chunksDone());
            execute(owner, interrupted.get().id());
            return find(interrupted.get().id());
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * The nightly run, never beside a whole-book run: skipped (empty) while one holds the book — it covers the night —
     * otherwise an interrupted whole-book run is resumed first, and when the nightly run would have to recompute the
     * whole book anyway (no whole-book run yet, other rule sets, an earlier day: {@link SegmentRecompute#wholeBookDue})
     * it is a chunked whole-book run instead; else {@link SegmentRecompute#nightly()} (incremental).
     */
    public Optional<SegmentRecompute.Run> nightly() {
        Owner owner = Owner.acquire(dataSource, false);
        if (owner == null) {
            log.info("Nightly segmentation skipped: a whole-book run holds the book");
            return Optional.empty();
        }
        try {
            markInterrupted(owner);
            Optional<SegmentBookRun> interrupted = latest().filter(run -> run.state() == SegmentBookRun.State.INTERRUPTED);
            if (interrupted.isPresent()) {
                reopen(owner, interrupted.get().id(), "system", "resumed by the nightly run");
                execute(owner, interrupted.get().id());
                owner = Owner.acquire(dataSource, true);
            }
            if (recompute.wholeBookDue(LocalDate.now(clock))) {
                long id = begin(owner, "system", "nightly run: the whole book is due (new rules or none placed yet)", null);
                execute(owner, id);
                return find(id).map(SegmentBookRun::result);
            }
            try {
                return Optional.ofNullable(chunkTransaction.execute(status -> recompute.nightly(LocalDate.now(clock))));
            } finally {
                owner.close();
            }
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /** A new RUNNING run owned by {@code owner}: of the whole book, or of one dimension's (or TAGS') rule change. */
    private long begin(Owner owner, String startedBy, String reason, String dimension) {
        markInterrupted(owner);
        long id = owner.side.sql("select nextval('segment_book_run_id_seq')").query(Long.class).single();
        owner.claim(id);
        owner.side.sql("""
                        insert into segment_book_run (id, reason, started_by, started_at, state, day, rule_sets, chunk_size,
                                                      customers_total, dimension)
                        values (:id, :reason, :by, :now, 'RUNNING', :day, :ruleSets, :chunkSize, (select count(*) from customer),
                                :dimension)""")
                .param("id", id).param("reason", reason).param("by", startedBy).param("now", Timestamp.from(clock.instant()))
                .param("day", LocalDate.now(clock)).param("ruleSets", recompute.activeRuleSets()).param("chunkSize", chunkSize)
                .param("dimension", dimension).update();
        return id;
    }

    /**
     * Makes a FAILED or INTERRUPTED run RUNNING again under {@code owner}, for today; under other active rule sets than
     * it started with, from the first customer again (its committed chunks were placed by the rules of then).
     */
    private void reopen(Owner owner, long id, String by, String reason) {
        markInterrupted(owner);
        SegmentBookRun run = find(id).orElseThrow(() -> new Refused("segmentation.recompute.none"));
        long latest = latest().map(SegmentBookRun::id).orElse(id);
        if (run.state() == SegmentBookRun.State.COMPLETED) {
            throw new Refused("segmentation.recompute.completed", id);
        }
        if (latest != id) {
            throw new Refused("segmentation.recompute.notLatest", id, latest);
        }
        if (!run.resumable()) {
            throw new Refused("segmentation.recompute.alreadyRunning", id);
        }
        owner.claim(id);
        String ruleSets = recompute.activeRuleSets();
        owner.side.sql("""
                        update segment_book_run
                           set state = 'RUNNING', finished_at = null, failure = null, resumes = resumes + 1, resumed_by = :by,
                               resumed_at = :now, resume_reason = :reason, day = :day, step = null, step_no = 0,
                               -- a failed rule-change run of one dimension (it commits nothing) is resumed as a whole-book run
                               last_customer_id = case when rule_sets = :ruleSets and dimension is null then last_customer_id end,
                               chunks_done = case when rule_sets = :ruleSets and dimension is null then chunks_done else 0 end,
                               customers_done = case when rule_sets = :ruleSets and dimension is null then customers_done else 0 end,
                               customers_total = (select count(*) from customer), rule_sets = :ruleSets, dimension = null
                         where id = :id""")
                .param("by", by).param("now", Timestamp.from(clock.instant())).param("reason", reason)
                .param("day", LocalDate.now(clock)).param("ruleSets", ruleSets).param("id", id).update();
    }

    /** RUNNING runs whose owner lock nobody holds become INTERRUPTED (their instance stopped mid-way). */
    private void markInterrupted(Owner owner) {
        int marked = owner.side.sql("update segment_book_run r set state = 'INTERRUPTED' where r.state = 'RUNNING' and not "
                + ALIVE).param("lockClass", LOCK_CLASS).update();
        if (marked > 0) {
            log.warn("{} whole-book segment run(s) found interrupted (their instance stopped mid-way); resumable", marked);
        }
    }

    private void background(Owner owner, long id) {
        Thread thread = new Thread(() -> {
            try {
                execute(owner, id);
            } catch (RuntimeException e) {
                // recorded as FAILED by execute
            }
        }, "segments-book-run-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs the chunks after the checkpoint to the end; closes {@code owner}. */
    private void execute(Owner owner, long id) {
        long attempt = System.nanoTime();
        long committed = attempt;
        try {
            SegmentBookRun run = find(id).orElseThrow();
            LocalDate day = run.day();
            long after = run.lastCustomerId() == null ? Long.MIN_VALUE : run.lastCustomerId();
            int chunkNo = run.chunksDone();
            while (true) {
                long from = after;
                // the chunk's last customer and the one after it: without a customer after it, this chunk is the last one
                // (it then takes every customer after the checkpoint), so a book that the chunk size divides exactly ends
                // with a full chunk, not with an empty one
                List<Long> edge = jdbc.sql("select id from customer where id > :after order by id offset :skip limit 2")
                        .param("after", from).param("skip", run.chunkSize() - 1).query(Long.class).list();
                boolean last = edge.size() < 2;
                long to = last ? Long.MAX_VALUE : edge.get(0);
                long customers = last ? jdbc.sql("select count(*) from customer where id > :after").param("after", from)
                        .query(Long.class).single() : run.chunkSize();
                owner.side.sql("update segment_book_run set step = null, step_no = 0, chunk_customers = :n where id = :id")
                        .param("n", customers).param("id", id).update();
                int no = ++chunkNo;
                long chunkStart = System.nanoTime();
                Long checkpoint = chunkTransaction.execute(status -> {
                    SegmentRecompute.Run placed = recompute.chunk(from, to, day, step -> owner.side
                            .sql("update segment_book_run set step = :step, step_no = :no where id = :id")
                            .param("step", step).param("no", SegmentRecompute.STEPS.indexOf(step) + 1).param("id", id).update());
                    long lastId = last ? jdbc.sql("select coalesce(max(id), :after) from customer where id > :after")
                            .param("after", from).query(Long.class).single() : to;
                    jdbc.sql("""
                                    update segment_book_run
                                       set last_customer_id = :lastId, chunks_done = chunks_done + 1,
                                           customers_done = customers_done + :customers, placed = placed + :placed,
                                           opened = opened + :opened, closed = closed + :closed, replaced = replaced + :replaced,
                                           took_ms = took_ms + :took, step = null, step_no = 0, chunk_customers = 0,
                                           state = case when :last then 'COMPLETED' else state end,
                                           finished_at = case when :last then cast(:now as timestamptz) end
                                     where id = :id""")
                            .param("lastId", lastId).param("customers", placed.customers()).param("placed", placed.placed())
                            .param("opened", placed.opened()).param("closed", placed.closed()).param("replaced", placed.replaced())
                            .param("took", (System.nanoTime() - chunkStart) / 1_000_000).param("last", last)
                            .param("now", Timestamp.from(clock.instant())).param("id", id).update();
                    if (last) {
                        recompute.analyseWritten();
                        // the rule sets it (re)started with: if they changed since, the nightly run sees it and redoes the book
                        recompute.recordBatch(day, jdbc.sql("select rule_sets from segment_book_run where id = :id")
                                .param("id", id).query(String.class).single(), true);
                    }
                    hook.inChunk(id, no);
                    return lastId;
                });
                committed = System.nanoTime();
                log.info("Whole-book segment run {}: chunk {} (customers {}–{}) committed", id, no,
                        from == Long.MIN_VALUE ? "first" : from + 1, checkpoint);
                if (last) {
                    break;
                }
                after = checkpoint;
            }
            log.info("Whole-book segment run {} completed: {}", id, find(id).map(SegmentBookRun::result).orElse(null));
        } catch (RuntimeException e) {
            failed(owner, id, e, committed);
            throw e;
        } finally {
            owner.close();
        }
    }

    /** Records a run as FAILED (its committed chunks stay, the other customers keep their previous placements). */
    private void failed(Owner owner, long id, RuntimeException e, long since) {
        log.warn("Segment run {} failed; its committed chunks stay, the other customers keep their previous placements; "
                + "resumable", id, e);
        try {
            owner.side.sql("""
                            update segment_book_run set state = 'FAILED', failure = :failure, finished_at = :now,
                                   took_ms = took_ms + :took
                             where id = :id and state = 'RUNNING'""")
                    .param("failure", String.valueOf(e.getMessage())).param("now", Timestamp.from(clock.instant()))
                    .param("took", (System.nanoTime() - since) / 1_000_000).param("id", id).update();
        } catch (RuntimeException lost) {
            log.warn("Could not record run {} as failed; it shows as interrupted", id, lost);
        }
    }

    /** Alive: somebody holds the run's owner lock (on this database). */
    private static final String ALIVE = """
            exists (select 1 from pg_locks l
                     where l.locktype = 'advisory' and l.database = (select oid from pg_database where datname = current_database())
                       and l.classid::bigint = :lockClass and l.objid::bigint = r.id and l.objsubid = 2 and l.granted)""";

    private static final String SELECT = """
            select r.*, case when r.state = 'RUNNING' and not %s then 'INTERRUPTED' else r.state end as shown_state
              from segment_book_run r""".formatted(ALIVE);

    /** The steps of a run: a whole-book run's, or a rule-change run's (dimension VALUE … DYNAMIC, or TAGS). */
    private static int steps(String dimension) {
        return dimension == null ? SegmentRecompute.STEPS.size()
                : SegmentRecompute.ruleChangeSteps(dimension.equals("TAGS") ? null : Dimension.valueOf(dimension)).size();
    }

    private SegmentBookRun map(java.sql.ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        Timestamp resumed = rs.getTimestamp("resumed_at");
        long lastId = rs.getLong("last_customer_id");
        Long last = rs.wasNull() ? null : lastId;
        SegmentRecompute.Run result = new SegmentRecompute.Run((int) rs.getLong("placed"), (int) rs.getLong("closed"),
                (int) rs.getLong("replaced"), (int) rs.getLong("opened"), Duration.ofMillis(rs.getLong("took_ms")),
                (int) rs.getLong("customers_done"), true);
        return new SegmentBookRun(rs.getLong("id"), rs.getString("started_by"), rs.getString("reason"),
                rs.getTimestamp("started_at").toInstant(), SegmentBookRun.State.valueOf(rs.getString("shown_state")),
                rs.getObject("day", LocalDate.class), rs.getInt("chunk_size"), rs.getInt("chunks_done"),
                rs.getLong("customers_done"), rs.getLong("customers_total"), last, rs.getString("step"), rs.getInt("step_no"),
                steps(rs.getString("dimension")), rs.getLong("chunk_customers"), finished == null ? null : finished.toInstant(),
                result, rs.getString("failure"), rs.getInt("resumes"), rs.getString("resumed_by"),
                resumed == null ? null : resumed.toInstant(), rs.getString("dimension"));
    }

    /**
     * The connection a run's owner holds its advisory locks on, outside every transaction (autocommit): also where the
     * run row's state and progress are written, so that they are seen at once and whatever transaction the caller is in.
     * Closing it releases the locks; so does the server when the instance dies.
     */
    static final class Owner implements AutoCloseable {

        final JdbcClient side;
        private final Connection connection;
        private boolean closed;

        private Owner(Connection connection) {
            this.connection = connection;
            this.side = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        }

        /** The book, now (null when another run holds it) or, with {@code wait}, once it is free. */
        static Owner acquire(DataSource dataSource, boolean wait) {
            return acquire(dataSource, LOCK_CLASS, wait);
        }

        /**
         * The lock (lockClass, 0) on a connection of its own: now (null when another session holds it) or, with
         * {@code wait}, once it is free. The need-cluster schedule takes its own class ({@link ClusterSchedule}).
         */
        static Owner acquire(DataSource dataSource, int lockClass, boolean wait) {
            Connection connection;
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new IllegalStateException("No connection for a whole-book segment run: " + e.getMessage(), e);
            }
            Owner owner = new Owner(connection);
            try {
                boolean got = owner.side.sql(wait ? "select pg_advisory_lock(:lockClass, 0) is not null"
                        : "select pg_try_advisory_lock(:lockClass, 0)").param("lockClass", lockClass).query(Boolean.class).single();
                if (!got) {
                    owner.close();
                    return null;
                }
                return owner;
            } catch (RuntimeException e) {
                owner.close();
                throw e;
            }
        }

        void claim(long runId) {
            side.sql("select pg_advisory_lock(:lockClass, :runId) is not null").param("lockClass", LOCK_CLASS)
                    .param("runId", Math.toIntExact(runId)).query(Boolean.class).single();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                side.sql("select pg_advisory_unlock_all()").query().singleRow();
            } catch (RuntimeException e) {
                // the connection is gone, and its locks with it
            }
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing a run owner's connection failed", e);
            }
        }
    }
}
