package io.insurecrm.demo.load;

import io.insurecrm.customer.ChineseIdNumber;
import io.insurecrm.customer.SealedIdNumber;
import io.insurecrm.demo.book.BookCounts;
import io.insurecrm.demo.book.BookGenerator;
import io.insurecrm.demo.book.BookSpec;
import io.insurecrm.demo.book.BookTable;
import io.insurecrm.demo.book.RowSink;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Generates a book and streams it into PostgreSQL with COPY, in one transaction: a failure leaves nothing behind.
 * <p>
 * The generator runs on its own thread and hands over batches of about {@value #BATCH_CUSTOMERS} customers (every
 * table's rows of those units, a few MB); this thread COPYs each batch table by table in load order while the next is
 * being generated, so generation and the server work at the same time and the heap holds at most three batches.
 * Every row refers only to rows of earlier tables of the same batch or of earlier batches. The foreign keys of the
 * book's tables are dropped for the load and added back at its end, which checks them for every row in one set-based
 * pass (see {@link #dropForeignKeys}); primary keys, unique indexes, NOT NULL and CHECK constraints are checked row by
 * row as usual. Secondary indexes are likewise dropped and built again after the copy. Then the tables are analysed
 * and each identity sequence is moved past the largest id. The tables are locked for the load's duration.
 */
public final class BookLoader {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BookLoader.class);

    static final int BATCH_CUSTOMERS = 20_000;


    private final DataSource dataSource;
    private final Function<ChineseIdNumber, SealedIdNumber> sealer;
    private final Function<io.insurecrm.customer.BankAccountNumber, io.insurecrm.customer.BankAccountProtection.Sealed> bankSealer;
    private final UnaryOperator<String> textSealer;

    /**
     * @param sealer how ID numbers are stored (customer.IdNumberProtection::seal): encrypted with their blind index
     *               and masked form, computed in Java before the row enters the COPY stream
     */
    public BookLoader(DataSource dataSource, Function<ChineseIdNumber, SealedIdNumber> sealer) {
        this(dataSource, sealer, null);
    }

    /**
     * @param bankSealer how bank account numbers are stored (customer.BankAccountProtection::seal), for the third of
     *                   adult individuals the generator gives one; null gives nobody an account
     */
    public BookLoader(DataSource dataSource, Function<ChineseIdNumber, SealedIdNumber> sealer,
                      Function<io.insurecrm.customer.BankAccountNumber, io.insurecrm.customer.BankAccountProtection.Sealed> bankSealer) {
        this(dataSource, sealer, bankSealer, UnaryOperator.identity());
    }

    /**
     * @param textSealer how claim descriptions, status notes and interaction outcomes are stored
     *                   (platform.crypto.FieldCipher::seal), sealed in Java before the row enters the COPY stream
     */
    public BookLoader(DataSource dataSource, Function<ChineseIdNumber, SealedIdNumber> sealer,
                      Function<io.insurecrm.customer.BankAccountNumber, io.insurecrm.customer.BankAccountProtection.Sealed> bankSealer,
                      UnaryOperator<String> textSealer) {
        this.dataSource = dataSource;
        this.sealer = sealer;
        this.bankSealer = bankSealer;
        this.textSealer = textSealer;
    }

    /** What a load did and how long it took. */
    public record LoadResult(BookSpec spec, BookCounts counts, Duration elapsed) {

        public double rowsPerSecond() {
            return counts.total() / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** Generates {@code customers} customers with the seed, ending on {@code today}, after the ids already in use. */
    public LoadResult load(long seed, int customers, LocalDate today) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            BookCounts counts;
            BookSpec spec;
            try {
                spec = new BookSpec(seed, customers, today, idBase(connection));
                List<String> restoreForeignKeys = dropForeignKeys(connection);
                List<String> restoreIndexes = dropSecondaryIndexes(connection);
                long copyStarted = System.nanoTime();
                counts = stream(spec, connection.unwrap(PGConnection.class).getCopyAPI());
                long indexStarted = System.nanoTime();
                execute(connection, restoreIndexes);
                long analyseStarted = System.nanoTime();
                analyse(connection);
                long keysStarted = System.nanoTime();
                execute(connection, restoreForeignKeys);
                advanceSequences(connection);
                recordConsents(connection, spec);
                connection.commit();
                log.info("Book of {} rows: generated and copied in {} ms, {} indexes built in {} ms, analysed in {} ms, "
                                + "{} foreign keys checked in {} ms", counts.total(), (indexStarted - copyStarted) / 1_000_000,
                        restoreIndexes.size(), (analyseStarted - indexStarted) / 1_000_000,
                        (keysStarted - analyseStarted) / 1_000_000, restoreForeignKeys.size(),
                        (System.nanoTime() - keysStarted) / 1_000_000);
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw new BookLoadFailed("The book could not be loaded; nothing was written", e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            vacuum(connection);
            return new LoadResult(spec, counts, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new BookLoadFailed("The book could not be loaded", e);
        }
    }

    /** The largest id of every identity table, so the book's ids follow what is already there. */
    static BookSpec.IdBase idBase(Connection connection) throws SQLException {
        long[] max = new long[BookTable.values().length];
        try (Statement statement = connection.createStatement()) {
            for (BookTable table : BookTable.values()) {
                if (table.identity()) {
                    try (ResultSet rs = statement.executeQuery("select coalesce(max(id), 0) from " + table.tableName())) {
                        rs.next();
                        max[table.ordinal()] = rs.getLong(1);
                    }
                }
            }
        }
        return new BookSpec.IdBase(max[BookTable.BRANCH.ordinal()], max[BookTable.AGENT.ordinal()],
                max[BookTable.PRODUCT.ordinal()], max[BookTable.CUSTOMER.ordinal()], max[BookTable.HOUSEHOLD.ordinal()],
                max[BookTable.POLICY.ordinal()], max[BookTable.CLAIM.ordinal()], max[BookTable.INTERACTION.ordinal()]);
    }

    private BookCounts stream(BookSpec spec, CopyManager copy) throws SQLException, IOException {
        BlockingQueue<TableChunks> queue = new ArrayBlockingQueue<>(1);
        BatchingSink sink = new BatchingSink(queue);
        FutureTask<BookCounts> generation = new FutureTask<>(() -> {
            BookCounts counts = new BookGenerator(spec, sealer, bankSealer, textSealer).generate(sink);
            sink.finish();
            return counts;
        });
        Thread generator = new Thread(generation, "book-generator");
        generator.setDaemon(true);
        generator.start();
        boolean done = false;
        try {
            while (true) {
                TableChunks batch = next(queue, generation);
                if (batch.isEnd()) {
                    break;
                }
                for (BookTable table : BookTable.values()) {
                    if (batch.rows(table) > 0) {
                        copy.copyIn(table.copyStatement(), batch.input(table));
                    }
                }
            }
            BookCounts counts = generation.get();
            done = true;
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BookLoadFailed("Interrupted while loading the book", e);
        } catch (ExecutionException e) {
            throw new BookLoadFailed("The generator failed", e.getCause());
        } finally {
            if (!done) {
                sink.cancel();
                generation.cancel(true);
            }
        }
    }

    /** The next batch, or the generator's failure as soon as it happens. */
    private static TableChunks next(BlockingQueue<TableChunks> queue, FutureTask<BookCounts> generation)
            throws InterruptedException, ExecutionException {
        while (true) {
            TableChunks batch = queue.poll(100, TimeUnit.MILLISECONDS);
            if (batch != null) {
                return batch;
            }
            if (generation.isDone()) {
                generation.get();
                batch = queue.poll();
                if (batch != null) {
                    return batch;
                }
                throw new IllegalStateException("the generator stopped without finishing the book");
            }
        }
    }

    /**
     * Drops the foreign keys of the book's tables for the load and returns the statements that add them again. Checking
     * a foreign key row by row costs the server a query per key and row (about 25,000 policy rows a second); adding
     * the key back checks the whole table in one join, as PostgreSQL's "Populating a Database" advises. Both happen in
     * the load's transaction: other sessions never see the table without its keys, and a violation rolls back the load.
     */
    static List<String> dropForeignKeys(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        String sql = """
                select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname),
                       format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
                from pg_constraint c
                where c.contype = 'f' and c.conrelid = any (?::regclass[])
                order by c.conrelid::regclass::text, c.conname
                """;
        collect(connection, sql, drops, adds);
        execute(connection, drops);
        return adds;
    }

    /**
     * Drops the indexes of the book's tables that back no primary-key or unique constraint and returns the statements
     * that build them again: building an index once over the loaded table is much cheaper than updating it row by row.
     * Unique indexes among them (one ID number per customer, one head per household) check uniqueness when rebuilt.
     */
    static List<String> dropSecondaryIndexes(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        String sql = """
                select format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
                from pg_index i
                where i.indrelid = any (?::regclass[])
                  and not exists (select 1 from pg_constraint c
                                  where c.conindid = i.indexrelid and c.conrelid = i.indrelid and c.contype in ('p', 'u', 'x'))
                order by i.indexrelid::regclass::text
                """;
        collect(connection, sql, drops, creates);
        execute(connection, drops);
        return creates;
    }

    private static void collect(Connection connection, String sql, List<String> first, List<String> second) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("text",
                    Arrays.stream(BookTable.values()).map(BookTable::tableName).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    first.add(rs.getString(1));
                    second.add(rs.getString(2));
                }
            }
        }
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * The consents the customers gave when they signed (table consent of the privacy module, written with SQL like the
     * rest of the book): every customer SERVICE, and — spread by id, so the same book always gets the same — about
     * 60% MARKETING, 70% ANALYTICS and 30% SENSITIVE_DATA (health data for underwriting).
     */
    static void recordConsents(Connection connection, BookSpec spec) throws SQLException {
        try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                select c.id, p.purpose, true, 'PAPER_FORM', 'demo-2026-01', c.created_at, 'demo-book'
                  from customer c
                  cross join (values ('SERVICE', 10), ('MARKETING', 6), ('ANALYTICS', 7), ('SENSITIVE_DATA', 3)) p(purpose, tenths)
                 where c.id > ? and (c.id * 7919) % 10 < p.tenths
                """)) {
            insert.setLong(1, spec.base().customer());
            insert.executeUpdate();
        }
    }

    /** Moves every identity sequence of the book's tables past the largest id, so the next insert without an id works. */
    static void advanceSequences(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (BookTable table : BookTable.values()) {
                if (table.identity()) {
                    statement.execute("""
                            select setval(pg_get_serial_sequence('%1$s', 'id'), coalesce(max(id), 0) + 1, false) from %1$s
                            """.formatted(table.tableName()));
                }
            }
        }
    }

    /**
     * Freezes the freshly loaded tables (outside the load's transaction, as VACUUM must be), so the book starts as
     * autovacuum would leave it after a while: visibility maps set (index-only scans read no heap), hint bits
     * written (the first queries do not dirty every page), nothing left to freeze later.
     */
    private static void vacuum(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            for (BookTable table : BookTable.values()) {
                statement.execute("vacuum (freeze) " + table.tableName());
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        log.info("Book tables vacuumed and frozen in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static void analyse(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (BookTable table : BookTable.values()) {
                statement.execute("analyze " + table.tableName());
            }
        }
    }

    /** Collects rows into batches and hands each full batch to the loading thread (waiting while it is busy). */
    private static final class BatchingSink implements RowSink {

        private final BlockingQueue<TableChunks> queue;
        private volatile boolean cancelled;
        private TableChunks current = new TableChunks(false);
        private int customersAtBatchStart;

        BatchingSink(BlockingQueue<TableChunks> queue) {
            this.queue = queue;
        }

        @Override
        public void row(BookTable table, CharSequence line) {
            current.add(table, line);
        }

        @Override
        public void unitDone(int customersSoFar) {
            if (customersSoFar - customersAtBatchStart >= BATCH_CUSTOMERS) {
                hand(current.close());
                current = new TableChunks(false);
                customersAtBatchStart = customersSoFar;
            }
        }

        void finish() {
            hand(current.close());
            hand(TableChunks.end());
        }

        void cancel() {
            cancelled = true;
        }

        private void hand(TableChunks batch) {
            try {
                while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    if (cancelled) {
                        throw new CancellationException("the load was abandoned");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("the load was abandoned");
            }
        }
    }

}
