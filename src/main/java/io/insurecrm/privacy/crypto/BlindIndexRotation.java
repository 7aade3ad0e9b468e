package io.insurecrm.privacy.crypto;

import io.insurecrm.platform.BackgroundTask;
import io.insurecrm.platform.crypto.EncryptedColumn;
import io.insurecrm.platform.crypto.FieldCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation of the blind index key (ADR 0004, amendment). With {@code crm.crypto.next-blind-index-key} configured:
 * <ol>
 * <li>{@link #start()} fills {@code <index column>_next} of every {@link EncryptedColumn} with a blind index with the
 * index under the next key, on a background thread, in chunks of 1,000 rows (keyset by id, each its own transaction,
 * {@code for update skip locked}, the update checks the value it read). Its only state is the data — a row needs work
 * while its next index is empty — so it resumes after any interruption and a second run changes nothing. Rows written
 * meanwhile (new customers, a changed ID number, whose next index a trigger empties) are picked up by the next pass.</li>
 * <li>Lookups by ID number check both columns meanwhile ({@code customer.IdNumberProtection}).</li>
 * <li>{@link #switchToNext()} makes the next key current: in one transaction it locks the table against writes,
 * fills what is left, moves every next index into the index column, records the new key's fingerprint, and this
 * instance computes indexes under the new key from then on. Refused while an import job holds staged rows (their
 * indexes are under the old key).</li>
 * </ol>
 * Then the configuration names the new key as {@code crm.crypto.blind-index-key} and drops the next key; an instance
 * restarted before that adopts the next key from the recorded fingerprint.
 */
@Service
public class BlindIndexRotation {

    /** The state of one column's next index. */
    public record ColumnStatus(String column, String indexColumn, long values, long nextFilled, long toDo) {
    }

    /** A fill run in progress or finished. */
    public record Run(Instant startedAt, Instant finishedAt, long toDoAtStart, long done, String failure) {

        public boolean running() {
            return finishedAt == null;
        }

        Run progressed(long more) {
            return new Run(startedAt, null, toDoAtStart, done + more, null);
        }

        Run finished(Instant at, String why) {
            return new Run(startedAt, at, toDoAtStart, done, why);
        }
    }

    /** Why a fill or a switch was refused; the message key of the privacy bundle names it for people. */
    public enum Refusal {
        NO_NEXT_KEY("encryption.blindIndex.refused.noNextKey"), RUNNING("encryption.blindIndex.refused.running"),
        IMPORTS_STAGED("encryption.blindIndex.refused.importsStaged");

        private final String messageKey;

        Refusal(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(BlindIndexRotation.class);
    static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final List<EncryptedColumn> columns;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AtomicReference<Run> current = new AtomicReference<>();
    private volatile int chunkSize = CHUNK;

    BlindIndexRotation(JdbcClient jdbc, FieldCipher cipher, List<EncryptedColumn> columns,
                       PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.columns = columns.stream().filter(c -> c.blindIndexColumn() != null).toList();
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** For tests: smaller chunks, so a small book spans several. */
    void chunkSize(int size) {
        this.chunkSize = size;
    }

    public boolean rotating() {
        return cipher.rotatingIndexKey();
    }

    public String currentKeyFingerprint() {
        return cipher.indexKeyFingerprint();
    }

    public String nextKeyFingerprint() {
        return cipher.nextIndexKeyFingerprint();
    }

    public Run currentRun() {
        return current.get();
    }

    private static String next(EncryptedColumn column) {
        return column.blindIndexColumn() + "_next";
    }

    public List<ColumnStatus> status() {
        List<ColumnStatus> result = new ArrayList<>();
        for (EncryptedColumn column : columns) {
            result.add(jdbc.sql("""
                            select count(*) as n, count(%2$s) as filled from %1$s where %3$s is not null"""
                            .formatted(column.table(), next(column), column.valueColumn()))
                    .query((rs, i) -> new ColumnStatus(column.name(), column.blindIndexColumn(), rs.getLong("n"),
                            rs.getLong("filled"), cipher.rotatingIndexKey() ? rs.getLong("n") - rs.getLong("filled") : 0))
                    .single());
        }
        return result;
    }

    /** Starts filling the next indexes on a background thread, unless no next key is configured or a run is going. */
    public Optional<Refusal> start() {
        if (!cipher.rotatingIndexKey()) {
            return Optional.of(Refusal.NO_NEXT_KEY);
        }
        Run running = current.get();
        if (running != null && running.running()) {
            return Optional.of(Refusal.RUNNING);
        }
        BackgroundTask.start("blind-index-rotation", () -> run(run -> { }), log,
                "Blind index fill failed; start it again to continue");
        return Optional.empty();
    }

    /**
     * Fills every empty next index on this thread until none is left.
     *
     * @throws IllegalStateException when no next key is configured or another run is going
     */
    public Run run(Consumer<Run> progress) {
        if (!cipher.rotatingIndexKey()) {
            throw new IllegalStateException("no next blind index key (crm.crypto.next-blind-index-key) is configured");
        }
        long toDo = status().stream().mapToLong(ColumnStatus::toDo).sum();
        Run run = new Run(clock.instant(), null, toDo, 0, null);
        Run previous = current.get();
        if (previous != null && previous.running() || !current.compareAndSet(previous, run)) {
            throw new IllegalStateException("a blind index fill is already running");
        }
        log.info("Blind index fill under key {}: {} values to do", cipher.nextIndexKeyFingerprint(), toDo);
        try {
            for (EncryptedColumn column : columns) {
                for (int pass = 0; pass < 10 && pass(column, progress) > 0; pass++) {
                    log.debug("blind index pass {} over {} done", pass, column.name());
                }
            }
            Run done = current.updateAndGet(r -> r.finished(clock.instant(), null));
            log.info("Blind index fill finished: {} values", done.done());
            progress.accept(done);
            return done;
        } catch (RuntimeException e) {
            Run failed = current.updateAndGet(r -> r.finished(clock.instant(), String.valueOf(e.getMessage())));
            progress.accept(failed);
            throw e;
        }
    }

    /** One pass over a column in id order, each chunk its own transaction; the rows filled. */
    private long pass(EncryptedColumn column, Consumer<Run> progress) {
        long after = 0;
        long filled = 0;
        while (true) {
            long from = after;
            long[] chunk = transaction.execute(status -> chunk(column, from));
            if (chunk[0] == 0) {
                return filled;
            }
            after = chunk[2];
            filled += chunk[1];
            Run run = current.updateAndGet(r -> r.progressed(chunk[1]));
            progress.accept(run);
        }
    }

    private record Row(long id, String stored) {
    }

    /** {rows seen, rows filled, last id}. */
    private long[] chunk(EncryptedColumn column, long after) {
        List<Row> rows = jdbc.sql("""
                        select id, %1$s as stored from %2$s
                         where %1$s is not null and %3$s is null and id > :after
                         order by id limit :limit for update skip locked""".formatted(column.valueColumn(), column.table(), next(column)))
                .param("after", after).param("limit", chunkSize)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("stored"))).list();
        if (rows.isEmpty()) {
            return new long[] {0, 0, after};
        }
        int n = rows.size();
        Long[] ids = new Long[n];
        String[] olds = new String[n];
        String[] indexes = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            ids[i] = row.id();
            olds[i] = row.stored();
            indexes[i] = cipher.nextBlindIndex(column.field(), column.indexForm().apply(cipher.open(row.stored())));
        }
        int filled = jdbc.sql("""
                        update %1$s t set %2$s = v.idx
                          from unnest(cast(:ids as bigint[]), cast(:olds as text[]), cast(:idx as text[])) as v(id, old, idx)
                         where t.id = v.id and t.%3$s = v.old and t.%2$s is null""".formatted(column.table(), next(column),
                        column.valueColumn()))
                .param("ids", ids).param("olds", olds).param("idx", indexes).update();
        return new long[] {n, filled, rows.get(n - 1).id()};
    }

    /** The result of a switch: rows whose index moved to the new key, per column. */
    public record Switched(String fingerprint, long rows) {
    }

    /**
     * Makes the next key current (see the class comment). Refused without a next key, while a fill runs, or while an
     * import job holds staged rows.
     */
    public Switched switchToNext(String actor) {
        if (!cipher.rotatingIndexKey()) {
            throw new RotationRefused(Refusal.NO_NEXT_KEY);
        }
        Run running = current.get();
        if (running != null && running.running()) {
            throw new RotationRefused(Refusal.RUNNING);
        }
        String fingerprint = cipher.nextIndexKeyFingerprint();
        long moved = transaction.execute(status -> {
            long staged = jdbc.sql("select count(*) from import_job where status in ('UPLOADED','VALIDATED','COMMITTING')")
                    .query(Long.class).single();
            if (staged > 0) {
                throw new RotationRefused(Refusal.IMPORTS_STAGED);
            }
            long rows = 0;
            for (EncryptedColumn column : columns) {
                // writers wait until the switch commits; readers go on (and find rows by either column)
                jdbc.sql("lock table " + column.table() + " in share row exclusive mode").update();
                long after = 0;
                for (long[] chunk = chunk(column, after); chunk[0] > 0; chunk = chunk(column, after)) {
                    after = chunk[2];
                }
                long left = jdbc.sql("select count(*) from %1$s where %2$s is not null and %3$s is null"
                        .formatted(column.table(), column.valueColumn(), next(column))).query(Long.class).single();
                if (left > 0) {
                    throw new IllegalStateException(left + " rows of " + column.name() + " could not be indexed under the next key");
                }
                rows += jdbc.sql("update %1$s set %2$s = %3$s, %3$s = null where %3$s is not null"
                        .formatted(column.table(), column.blindIndexColumn(), next(column))).update();
                jdbc.sql("""
                                insert into blind_index_key (field, fingerprint, switched_at, switched_by)
                                values (:field, :fp, :now, :actor)
                                on conflict (field) do update set fingerprint = excluded.fingerprint,
                                    switched_at = excluded.switched_at, switched_by = excluded.switched_by""")
                        .param("field", column.field()).param("fp", fingerprint)
                        .param("now", OffsetDateTime.now(clock)).param("actor", actor).update();
            }
            return rows;
        });
        cipher.switchToNextIndexKey();
        log.warn("Blind index key switched to {} ({} rows): set crm.crypto.blind-index-key to the next key and remove "
                + "crm.crypto.next-blind-index-key before the next restart", fingerprint, moved);
        return new Switched(fingerprint, moved);
    }

    /** A fill or switch refused (nothing changed). */
    public static class RotationRefused extends RuntimeException {

        private final Refusal refusal;

        RotationRefused(Refusal refusal) {
            super(refusal.messageKey());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * At start: records the current key's fingerprint when none is; adopts the next key when the database says the
     * switch to it was made (an instance restarted before its configuration was updated); warns loudly when the
     * database's index key is neither.
     */
    void checkKeyOnStart() {
        for (EncryptedColumn column : columns) {
            String stored = jdbc.sql("select fingerprint from blind_index_key where field = :field").param("field", column.field())
                    .query(String.class).optional().orElse(null);
            if (stored == null) {
                jdbc.sql("insert into blind_index_key (field, fingerprint) values (:field, :fp) on conflict (field) do nothing")
                        .param("field", column.field()).param("fp", cipher.indexKeyFingerprint()).update();
            } else if (stored.equals(cipher.nextIndexKeyFingerprint())) {
                log.warn("The blind index of {} was switched to the next key {}: using it; set crm.crypto.blind-index-key to it "
                        + "and remove crm.crypto.next-blind-index-key", column.name(), stored);
                cipher.switchToNextIndexKey();
            } else if (!stored.equals(cipher.indexKeyFingerprint())) {
                log.error("The blind index of {} is under key {}, but the configured key is {}: lookups by it will find nothing. "
                        + "Configure the right crm.crypto.blind-index-key.", column.name(), stored, cipher.indexKeyFingerprint());
            }
        }
    }
}
