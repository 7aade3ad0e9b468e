package io.insurecrm.privacy.crypto;

import io.insurecrm.platform.BackgroundTask;
import io.insurecrm.platform.crypto.EncryptedColumn;
import io.insurecrm.platform.crypto.FieldCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Brings every encrypted column (each {@link EncryptedColumn} bean) to the active key: encrypts values still in the
 * clear (a database from before encryption) and re-encrypts values under an older key, filling missing blind indexes.
 * <p>
 * Chunk by chunk, each chunk its own short transaction ({@code for update skip locked}, keyset by id), so the
 * application keeps serving while it runs and a crash loses at most one uncommitted chunk. The state of the batch is
 * the data itself — a row needs work while its value is not an envelope under the active key — so running it again
 * after an interruption continues where it stopped, and running it when everything is current changes nothing.
 * A row changed by the application between read and write is left alone (the update checks the old value) and picked
 * up by the next pass; the batch ends with a pass that finds nothing.
 */
@Service
public class FieldReencryption {

    /** What the batch does to a row. */
    public enum Scope {
        /** Only values still in the clear (start-up after upgrading a database). */
        CLEAR_ONLY,
        /** Clear values and values under any key but the active one (key rotation). */
        ALL
    }

    /** The state of one encrypted column. */
    public record ColumnStatus(String column, long values, long clear, Map<String, Long> byKey, long missingBlindIndex,
                               long toDo) {
    }

    /** A run in progress or finished. */
    public record Run(Scope scope, String activeKey, Instant startedAt, Instant finishedAt, long toDoAtStart, long done,
                      long skipped, String failure) {

        public boolean running() {
            return finishedAt == null;
        }

        Run progressed(long moreDone, long moreSkipped) {
            return new Run(scope, activeKey, startedAt, null, toDoAtStart, done + moreDone, skipped + moreSkipped, null);
        }

        Run finished(Instant at, String failure) {
            return new Run(scope, activeKey, startedAt, at, toDoAtStart, done, skipped, failure);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FieldReencryption.class);
    static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final List<EncryptedColumn> columns;
    private final TransactionTemplate chunkTransaction;
    private final Clock clock;
    private final AtomicReference<Run> current = new AtomicReference<>();

    FieldReencryption(JdbcClient jdbc, FieldCipher cipher, List<EncryptedColumn> columns,
                      PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.columns = List.copyOf(columns);
        this.chunkTransaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public String activeKey() {
        return cipher.activeKeyId();
    }

    public List<ColumnStatus> status() {
        List<ColumnStatus> result = new ArrayList<>();
        String active = cipher.activeKeyId();
        for (EncryptedColumn column : columns) {
            Map<String, Long> byKey = new LinkedHashMap<>();
            long[] totals = new long[3];
            jdbc.sql("""
                            select case when %1$s like 'v1:%%' then split_part(%1$s, ':', 2) end as key_id, count(*) as n,
                                   count(*) filter (where %2$s) as no_index
                              from %3$s where %1$s is not null group by 1 order by 1""".formatted(column.valueColumn(),
                            column.blindIndexColumn() == null ? "false" : column.blindIndexColumn() + " is null", column.table()))
                    .query(rs -> {
                        String key = rs.getString("key_id");
                        long n = rs.getLong("n");
                        totals[0] += n;
                        totals[2] += rs.getLong("no_index");
                        if (key == null) {
                            totals[1] += n;
                        } else {
                            byKey.put(key, n);
                        }
                    });
            long toDo = cipher.encrypting() ? totals[0] - byKey.getOrDefault(active, 0L) : 0;
            result.add(new ColumnStatus(column.name(), totals[0], totals[1], byKey, totals[2], toDo));
        }
        return result;
    }

    /** Why a re-encryption was not started; the message key of the privacy bundle names it for people. */
    public enum Refusal {
        WRONG_KEY("encryption.refused.wrongKey"), RUNNING("encryption.refused.running"), OFF("encryption.refused.off");

        private final String messageKey;

        Refusal(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /**
     * Starts moving every value to the active key on a background thread, unless the caller's idea of the active key
     * is wrong (a guard against rotating to a surprise key), a run is in progress, or encryption is off.
     *
     * @return why it was not started, or empty when it was
     */
    public Optional<Refusal> startRotation(String expectedActiveKey) {
        if (!cipher.encrypting()) {
            return Optional.of(Refusal.OFF);
        }
        if (expectedActiveKey == null || !expectedActiveKey.equals(cipher.activeKeyId())) {
            return Optional.of(Refusal.WRONG_KEY);
        }
        Run running = current.get();
        if (running != null && running.running()) {
            return Optional.of(Refusal.RUNNING);
        }
        BackgroundTask.start("reencryption", () -> run(Scope.ALL, run -> { }), log,
                "Re-encryption failed; run it again to continue");
        return Optional.empty();
    }

    /** The run in progress, or the last one of this process (null when none ran). */
    public Run currentRun() {
        return current.get();
    }

    /** Whether some column still has values in the clear (cheap: a partial index answers for the customer table). */
    public boolean anyClear() {
        for (EncryptedColumn column : columns) {
            boolean clear = jdbc.sql("select exists (select 1 from %2$s where %1$s is not null and %1$s not like 'v1:%%')"
                    .formatted(column.valueColumn(), column.table())).query(Boolean.class).single();
            if (clear) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the batch on this thread until no row needs work.
     *
     * @throws IllegalStateException when another run is in progress, or encryption is switched off
     */
    public Run run(Scope scope, Consumer<Run> progress) {
        if (!cipher.encrypting()) {
            throw new IllegalStateException("encryption is switched off (crm.crypto.enabled=false): nothing to re-encrypt to");
        }
        long toDo = status().stream().mapToLong(s -> scope == Scope.ALL ? s.toDo() : s.clear()).sum();
        Run run = new Run(scope, cipher.activeKeyId(), clock.instant(), null, toDo, 0, 0, null);
        Run previous = current.get();
        if (previous != null && previous.running() || !current.compareAndSet(previous, run)) {
            throw new IllegalStateException("a re-encryption is already running");
        }
        log.info("Re-encryption ({}) to key '{}': {} values to do", scope, run.activeKey(), toDo);
        try {
            for (EncryptedColumn column : columns) {
                // a row the application changed between read and write is seen again by the next pass
                for (int pass = 0; pass < 10 && column(column, scope, progress) > 0; pass++) {
                    log.debug("pass {} over {} done", pass, column.name());
                }
            }
            Run done = current.updateAndGet(r -> r.finished(clock.instant(), null));
            log.info("Re-encryption ({}) to key '{}' finished: {} values re-encrypted", scope, done.activeKey(), done.done());
            progress.accept(done);
            return done;
        } catch (RuntimeException e) {
            Run failed = current.updateAndGet(r -> r.finished(clock.instant(), e.getMessage()));
            progress.accept(failed);
            throw e;
        }
    }

    /** One pass over a column in id order; the number of rows that needed work (0: the column is current). */
    private long column(EncryptedColumn column, Scope scope, Consumer<Run> progress) {
        long after = 0;
        long seen = 0;
        while (true) {
            long from = after;
            ChunkResult chunk = chunkTransaction.execute(status -> chunk(column, scope, from));
            if (chunk.seen() == 0) {
                return seen;
            }
            after = chunk.lastId();
            seen += chunk.seen();
            Run run = current.updateAndGet(r -> r.progressed(chunk.changed(), chunk.seen() - chunk.changed()));
            progress.accept(run);
        }
    }

    private record ChunkResult(int seen, int changed, long lastId) {
    }

    private record Row(long id, String stored) {
    }

    private ChunkResult chunk(EncryptedColumn column, Scope scope, long after) {
        String value = column.valueColumn();
        String needsWork = scope == Scope.CLEAR_ONLY
                ? value + " not like 'v1:%'"
                : "(" + value + " not like :activePrefix" + (column.blindIndexColumn() == null ? ""
                        : " or " + column.blindIndexColumn() + " is null") + ")";
        List<Row> rows = jdbc.sql("""
                        select id, %1$s as stored from %2$s
                         where %1$s is not null and %3$s and id > :after
                         order by id limit :limit for update skip locked""".formatted(value, column.table(), needsWork))
                .param("after", after).param("limit", CHUNK)
                .param("activePrefix", "v1:" + cipher.activeKeyId() + ":%")
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("stored"))).list();
        if (rows.isEmpty()) {
            return new ChunkResult(0, 0, after);
        }
        int n = rows.size();
        Long[] ids = new Long[n];
        String[] olds = new String[n];
        String[] sealed = new String[n];
        String[] indexes = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            String clear = cipher.open(row.stored());
            ids[i] = row.id();
            olds[i] = row.stored();
            sealed[i] = cipher.isCurrent(row.stored()) ? row.stored() : cipher.seal(clear);
            indexes[i] = cipher.blindIndex(column.field(), column.indexForm().apply(clear));
        }
        // one statement per chunk (one round trip); a row changed since it was read keeps its new value
        String set = value + " = v.sealed" + (column.blindIndexColumn() == null ? ""
                : ", " + column.blindIndexColumn() + " = v.idx");
        int changed = jdbc.sql("""
                        update %1$s t set %2$s
                          from unnest(cast(:ids as bigint[]), cast(:olds as text[]), cast(:sealed as text[]),
                                      cast(:idx as text[])) as v(id, old, sealed, idx)
                         where t.id = v.id and t.%3$s = v.old""".formatted(column.table(), set, value))
                .param("ids", ids).param("olds", olds).param("sealed", sealed).param("idx", indexes).update();
        return new ChunkResult(rows.size(), changed, rows.isEmpty() ? after : rows.get(rows.size() - 1).id());
    }
}
