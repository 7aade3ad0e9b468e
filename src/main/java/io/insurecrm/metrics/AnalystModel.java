package io.insurecrm.metrics;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.importing.CustomersMerged;
import io.insurecrm.importing.CustomersUnmerged;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentWithdrawn;
import io.insurecrm.privacy.CustomerErased;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The analysts' pseudonymised customer list as a stored read model (docs/privacy.md section 7, "The stored list"):
 * rebuilt set-based in one transaction (nightly, at start-up when there is none, on demand), read by
 * {@link PseudonymousCustomers}.
 * <p>
 * Two slots (partitions of analyst_customer): a rebuild detaches the slot not in use, drops its indexes, empties it,
 * writes every release into it with one statement, attaches it back (which builds the indexes in bulk), then, holding
 * the analyst_model row, takes out customers withdrawn or erased meanwhile and switches readers to it, all in one
 * transaction. Readers see the previous model or the new one; a failed rebuild rolls back and
 * leaves the previous model. The build row and its progress are committed on the side so the page can show them.
 * A withdrawn ANALYTICS consent or an erasure removes the customer's rows at once, in the transaction that records it;
 * the k-anonymity stays as of the last rebuild.
 */
@Service
public class AnalystModel {

    private static final Logger log = LoggerFactory.getLogger(AnalystModel.class);
    /** How far before a rebuild's start a removal is still checked against its rows (longer than any transaction). */
    private static final Duration REMOVAL_MARGIN = Duration.ofDays(1);

    /** Where a rebuild reports its phase; the default commits it on the side. Tests use it to fail a rebuild midway. */
    interface Progress {
        void at(long buildId, String phase, int percent);
    }

    /** The model readers use: its slot, the rebuild that made it, when (the start of its snapshot), k and key. */
    public record Current(int slot, long buildId, Instant builtAt, int k, String keyFingerprint) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate work;
    private final TransactionTemplate side;
    private final Executor executor;
    private final Clock clock;
    private final SmallCellRule smallCells;
    private final Pseudonyms pseudonyms;

    AnalystModel(JdbcClient jdbc, PlatformTransactionManager transactions,
                 @Qualifier("applicationTaskExecutor") Executor executor, Clock clock, SmallCellRule smallCells,
                 Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.work = new TransactionTemplate(transactions);
        // nested: on its own a transaction of its own; inside a caller's transaction (tests) a savepoint, so a failed
        // rebuild is rolled back without the caller's work
        this.work.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.side = new TransactionTemplate(transactions);
        this.side.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.executor = executor;
        this.clock = clock;
        this.smallCells = smallCells;
        this.pseudonyms = pseudonyms;
    }

    /** The model readers use, if one was built. */
    public Optional<Current> current() {
        return jdbc.sql("select current_slot, build_id, built_at, k, key_fingerprint from analyst_model where id = 1 "
                        + "and current_slot is not null")
                .query((rs, n) -> new Current(rs.getInt("current_slot"), rs.getLong("build_id"),
                        rs.getTimestamp("built_at").toInstant(), rs.getInt("k"), rs.getString("key_fingerprint")))
                .optional();
    }

    /** No model yet, or one built under another k or pseudonym key (its order and classes no longer apply). */
    public boolean stale() {
        return current().map(c -> c.k() != smallCells.k() || !pseudonyms.fingerprint().equals(c.keyFingerprint()))
                .orElse(true);
    }

    public Optional<ModelBuild> running() {
        return jdbc.sql("select * from analyst_model_build where status = 'RUNNING'").query(AnalystModel::build).optional();
    }

    /** The latest rebuild, whatever its status. */
    public Optional<ModelBuild> latest() {
        return jdbc.sql("select * from analyst_model_build order by id desc limit 1").query(AnalystModel::build).optional();
    }

    public Optional<ModelBuild> build(long id) {
        return jdbc.sql("select * from analyst_model_build where id = :id").param("id", id)
                .query(AnalystModel::build).optional();
    }

    /** How long the latest finished rebuild took, to show how far along a running one probably is. */
    public Optional<Duration> lastDuration() {
        return jdbc.sql("select took_ms from analyst_model_build where status = 'FINISHED' order by id desc limit 1")
                .query(Long.class).optional().map(Duration::ofMillis);
    }

    /**
     * Starts a rebuild in the background and returns it (RUNNING). A person must give a reason (1–200 characters).
     *
     * @throws AnalystModelBuildInProgress when one runs
     */
    public ModelBuild start(ModelBuild.Trigger trigger, String reason, String by) {
        long id = open(trigger, reason, by);
        executor.execute(() -> {
            try {
                execute(id, this::record);
            } catch (RuntimeException e) {
                log.warn("analyst list rebuild {} failed; the previous model stays", id, e);
            }
        });
        return build(id).orElseThrow();
    }

    /** Rebuilds in the caller's thread; a failure is recorded (FAILED), leaves the previous model and is rethrown. */
    public ModelBuild rebuildNow(ModelBuild.Trigger trigger, String reason, String by) {
        return rebuildNow(trigger, reason, by, this::record);
    }

    ModelBuild rebuildNow(ModelBuild.Trigger trigger, String reason, String by, Progress progress) {
        long id = open(trigger, reason, by);
        execute(id, progress);
        return build(id).orElseThrow();
    }

    /** Rebuilds left RUNNING by a stopped application are failed (they hold nothing: their work rolled back). */
    int failInterruptedBuilds() {
        return jdbc.sql("update analyst_model_build set status = 'FAILED', error = 'interrupted: the application stopped' "
                + "where status = 'RUNNING'").update();
    }

    /** A withdrawn ANALYTICS consent takes the customer out of the list at once, in the withdrawal's transaction. */
    @EventListener
    @Transactional
    void on(ConsentWithdrawn withdrawn) {
        if (withdrawn.purpose() == ConsentPurpose.ANALYTICS) {
            remove(withdrawn.customerId(), Removal.CONSENT_WITHDRAWN);
        }
    }

    /** An erased (anonymised) customer leaves the list at once, in the erasure's transaction. */
    @EventListener
    @Transactional
    void on(CustomerErased erased) {
        remove(erased.customerId(), Removal.ERASED);
    }

    /**
     * A merged customer leaves the list at once, in the merge's transaction; his rows are kept aside so an unmerge can
     * put them back (the survivor's row stays as published until the next rebuild).
     */
    @EventListener
    @Transactional
    void on(CustomersMerged merged) {
        Integer slot = slotOf(jdbc.sql("select coalesce(current_slot, -1) from analyst_model where id = 1 for share")
                .query(Integer.class).single());
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("insert into analyst_customer_removal (customer_id, removed_at, why) values (:id, :at, 'MERGED')")
                .param("id", merged.mergedId()).param("at", now).update();
        if (slot == null) {
            return;
        }
        // he leaves the population (a merged customer is not one of the book's customers): in scope − 1 as well
        jdbc.sql("""
                        with gone as (
                            delete from %s a where a.customer_id = :id returning a.*
                        ), kept as (
                            insert into analyst_customer_merged_out (merge_id, customer_id, slot, build_id, row_image, removed_at)
                            select :merge, :id, :slot, (select m.build_id from analyst_model m where m.id = 1), to_jsonb(g), :at
                              from gone g
                        ), per_release as (
                            select scope_branch, count(*) as n, count(*) filter (where region_code is null) as generalised
                              from gone group by scope_branch
                        )
                        update analyst_customer_summary s
                           set published = s.published - g.n, generalised = s.generalised - g.generalised,
                               in_scope = s.in_scope - g.n
                          from per_release g
                         where s.slot = :slot and s.scope_branch = g.scope_branch""".formatted(AnalystModelSql.table(slot)))
                .param("id", merged.mergedId()).param("merge", merged.mergeId()).param("slot", slot).param("at", now)
                .update();
    }

    /**
     * An unmerge puts the merged customer's rows back, as they were published, while the model (build) they were taken
     * from is still in use and he still consents and is not erased; otherwise the next rebuild lists him (if he qualifies).
     */
    @EventListener
    @Transactional
    void on(CustomersUnmerged unmerged) {
        Integer slot = slotOf(jdbc.sql("select coalesce(current_slot, -1) from analyst_model where id = 1 for share")
                .query(Integer.class).single());
        if (slot != null) {
            jdbc.sql("""
                            with back as (
                                insert into %1$s
                                select r.* from analyst_customer_merged_out o
                                  join customer c on c.id = o.customer_id
                                 cross join lateral jsonb_populate_record(null::%1$s, o.row_image) r
                                 where o.merge_id = :merge and o.slot = :slot and c.merged_into_id is null
                                   and o.build_id is not distinct from (select m.build_id from analyst_model m where m.id = 1)
                                   and not exists (select 1 from customer_erasure e where e.customer_id = c.id)
                                   and %2$s
                                on conflict do nothing
                                returning scope_branch, region_code
                            ), per_release as (
                                select scope_branch, count(*) as n, count(*) filter (where region_code is null) as generalised
                                  from back group by scope_branch
                            )
                            update analyst_customer_summary s
                               set published = s.published + g.n, generalised = s.generalised + g.generalised,
                                   in_scope = s.in_scope + g.n
                              from per_release g
                             where s.slot = :slot and s.scope_branch = g.scope_branch"""
                            .formatted(AnalystModelSql.table(slot),
                                    io.insurecrm.privacy.ConsentRegistry.grantedCondition("c", ConsentPurpose.ANALYTICS)))
                    .param("merge", unmerged.mergeId()).param("slot", slot).update();
        }
        jdbc.sql("delete from analyst_customer_merged_out where merge_id = :merge").param("merge", unmerged.mergeId()).update();
    }

    enum Removal { CONSENT_WITHDRAWN, ERASED }

    /**
     * Deletes the customer's rows from the model in use and adjusts its counts; logs the removal so a rebuild running
     * meanwhile takes him out of its new slot too. Holds the model row shared, so a rebuild cannot switch slots between.
     */
    @Transactional
    void remove(long customerId, Removal why) {
        Integer slot = slotOf(jdbc.sql("select coalesce(current_slot, -1) from analyst_model where id = 1 for share")
                .query(Integer.class).single());
        jdbc.sql("insert into analyst_customer_removal (customer_id, removed_at, why) values (:id, :at, :why)")
                .param("id", customerId).param("at", Timestamp.from(clock.instant())).param("why", why.name()).update();
        if (slot == null) {
            return;
        }
        // published (and generalised) lose his rows; a withdrawal counts him without consent, an erasure out of scope
        jdbc.sql("""
                        with gone as (
                            delete from %s where customer_id = :id returning scope_branch, region_code
                        ), per_release as (
                            select scope_branch, count(*) as n, count(*) filter (where region_code is null) as generalised
                              from gone group by scope_branch
                        )
                        update analyst_customer_summary s
                           set published = s.published - g.n, generalised = s.generalised - g.generalised,
                               without_consent = s.without_consent + case when :withdrawn then g.n else 0 end,
                               in_scope = s.in_scope - case when :withdrawn then 0 else g.n end
                          from per_release g
                         where s.slot = :slot and s.scope_branch = g.scope_branch""".formatted(AnalystModelSql.table(slot)))
                .param("id", customerId).param("slot", slot).param("withdrawn", why == Removal.CONSENT_WITHDRAWN)
                .update();
    }

    private long open(ModelBuild.Trigger trigger, String reason, String by) {
        String why = trigger == ModelBuild.Trigger.MANUAL ? ModelBuild.reason(reason)
                : reason == null || reason.isBlank() ? null : reason.strip();
        try {
            return side.execute(status -> jdbc.sql("""
                            insert into analyst_model_build (status, phase, progress, trigger, reason, started_by, started_at, k)
                            values ('RUNNING', 'ROWS', 0, :trigger, :reason, :by, :now, :k) returning id""")
                    .param("trigger", trigger.name()).param("reason", why)
                    .param("by", by).param("now", Timestamp.from(clock.instant())).param("k", smallCells.k())
                    .query(Long.class).single());
        } catch (DuplicateKeyException e) {
            throw new AnalystModelBuildInProgress(running().map(ModelBuild::id).orElse(0L));
        }
    }

    private void record(long buildId, String phase, int percent) {
        side.executeWithoutResult(status -> jdbc.sql("update analyst_model_build set phase = :phase, progress = :progress where id = :id")
                .param("phase", phase).param("progress", percent).param("id", buildId).update());
    }

    private void execute(long buildId, Progress progress) {
        long began = System.nanoTime();
        try {
            Long published = work.execute(status -> rebuild(buildId, progress));
            long took = (System.nanoTime() - began) / 1_000_000;
            side.executeWithoutResult(status -> jdbc.sql("""
                            update analyst_model_build set status = 'FINISHED', phase = 'DONE', progress = 100,
                                   finished_at = :now, published = :published, took_ms = :took where id = :id""")
                    .param("now", Timestamp.from(clock.instant())).param("published", published).param("took", took)
                    .param("id", buildId).update());
            log.info("analyst list rebuilt (build {}): {} customers published, {} ms", buildId, published, took);
        } catch (RuntimeException e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            long took = (System.nanoTime() - began) / 1_000_000;
            side.executeWithoutResult(status -> jdbc.sql("""
                            update analyst_model_build set status = 'FAILED', finished_at = :now, took_ms = :took,
                                   error = :error where id = :id""")
                    .param("now", Timestamp.from(clock.instant())).param("took", took)
                    .param("error", message.length() > 2000 ? message.substring(0, 2000) : message)
                    .param("id", buildId).update());
            throw e;
        }
    }

    /** The rebuild proper, in one transaction; returns the rows of the whole book's release. */
    private long rebuild(long buildId, Progress progress) {
        progress.at(buildId, "ROWS", 5);
        Instant started = clock.instant();
        jdbc.sql("set local jit = off").update();
        jdbc.sql("set local work_mem = '64MB'").update();
        Integer current = slotOf(jdbc.sql("select coalesce(current_slot, -1) from analyst_model where id = 1")
                .query(Integer.class).single());
        int slot = current == null ? 0 : 1 - current;
        String table = AnalystModelSql.table(slot);
        // the slot leaves the partitioned table while it is written: emptied and without indexes it takes the rows
        // fast, and attaching it back builds its indexes in bulk (readers read the slot in use by name, so they wait
        // for none of this; it is all rolled back if the rebuild fails)
        jdbc.sql("alter table analyst_customer detach partition " + table).update();
        for (String constraint : jdbc.sql("""
                        select conname from pg_constraint where conrelid = cast(:table as regclass) and contype = 'p'""")
                .param("table", table).query(String.class).list()) {
            jdbc.sql("alter table " + table + " drop constraint " + quoted(constraint)).update();
        }
        for (String index : jdbc.sql("""
                        select indexname from pg_indexes where schemaname = current_schema() and tablename = :table""")
                .param("table", table).query(String.class).list()) {
            jdbc.sql("drop index " + quoted(index)).update();
        }
        jdbc.sql("truncate " + table).update();
        jdbc.sql("delete from analyst_customer_summary where slot = :slot").param("slot", slot).update();
        jdbc.sql(AnalystModelSql.rebuild(slot))
                .param("today", LocalDate.now(clock)).param("k", smallCells.k()).param("salt", pseudonyms.orderSalt())
                .param("slot", slot).update();
        progress.at(buildId, "INDEXES", 70);
        jdbc.sql("alter table analyst_customer attach partition " + table + " for values in (" + slot + ")").update();
        jdbc.sql("analyze " + table).update();
        progress.at(buildId, "SWITCH", 90);
        // from here until commit no removal can slip between the check and the switch (removals hold this row shared)
        jdbc.sql("select id from analyst_model where id = 1 for update").query(Integer.class).single();
        Timestamp since = Timestamp.from(started.minus(REMOVAL_MARGIN));
        jdbc.sql(AnalystModelSql.removedSince(slot)).param("since", since).param("slot", slot).update();
        jdbc.sql("delete from analyst_customer_removal where removed_at < :since").param("since", since).update();
        jdbc.sql("""
                        update analyst_model set current_slot = :slot, build_id = :build, built_at = :at, k = :k,
                               key_fingerprint = :key where id = 1""")
                .param("slot", slot).param("build", buildId).param("at", Timestamp.from(started))
                .param("k", smallCells.k()).param("key", pseudonyms.fingerprint()).update();
        progress.at(buildId, "DONE", 99);
        return jdbc.sql("select published from analyst_customer_summary where slot = :slot and scope_branch = 0")
                .param("slot", slot).query(Long.class).optional().orElse(0L);
    }

    /** A name from the catalog as an SQL identifier. */
    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The slot in use, -1 (none yet) as null. */
    private static Integer slotOf(int slot) {
        return slot < 0 ? null : slot;
    }

    private static ModelBuild build(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        long published = rs.getLong("published");
        Long publishedOrNull = rs.wasNull() ? null : published;
        long took = rs.getLong("took_ms");
        Long tookOrNull = rs.wasNull() ? null : took;
        return new ModelBuild(rs.getLong("id"), ModelBuild.Status.valueOf(rs.getString("status")), rs.getString("phase"),
                rs.getInt("progress"), ModelBuild.Trigger.valueOf(rs.getString("trigger")), rs.getString("reason"),
                rs.getString("started_by"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getInt("k"), publishedOrNull, tookOrNull,
                rs.getString("error"));
    }
}
