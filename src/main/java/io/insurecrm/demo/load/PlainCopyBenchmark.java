package io.insurecrm.demo.load;

import io.insurecrm.demo.book.BookCounts;
import io.insurecrm.demo.book.BookGenerator;
import io.insurecrm.demo.book.BookSpec;
import io.insurecrm.demo.book.BookTable;
import io.insurecrm.demo.book.RowSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The yardstick for the loader: the same rows (same seed and size, ids after the same base) dumped to one file per
 * table, then a timed plain COPY of those files into empty copies of the tables ({@code create table … (like … including defaults including identity)}: no
 * keys, no indexes, no checks) in a scratch schema that is dropped afterwards.
 */
public final class PlainCopyBenchmark {

    private static final String SCHEMA = "bench_plain_copy";

    private final DataSource dataSource;

    public PlainCopyBenchmark(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Result(BookCounts counts, Duration dump, Duration copy) {

        public double rowsPerSecond() {
            return counts.total() / Math.max(1e-9, copy.toNanos() / 1e9);
        }
    }

    /** Dumps the book of the spec into {@code dir} and copies it into empty copies of the tables. */
    public Result run(BookSpec spec, Path dir) throws IOException, SQLException {
        Files.createDirectories(dir);
        long started = System.nanoTime();
        BookCounts counts = dump(spec, dir);
        Duration dump = Duration.ofNanos(System.nanoTime() - started);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
            statement.execute("create schema " + SCHEMA);
            for (BookTable table : BookTable.values()) {
                statement.execute("create table %s.%s (like public.%s including defaults including identity)".formatted(SCHEMA, table.tableName(), table.tableName()));
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            started = System.nanoTime();
            for (BookTable table : BookTable.values()) {
                try (InputStream in = Files.newInputStream(file(dir, table))) {
                    copy.copyIn("copy %s.%s (%s) from stdin".formatted(SCHEMA, table.tableName(), table.columns()), in, 1 << 16);
                }
            }
            Duration copyTime = Duration.ofNanos(System.nanoTime() - started);
            statement.execute("drop schema " + SCHEMA + " cascade");
            return new Result(counts, dump, copyTime);
        }
    }

    /** Writes every table's rows to {@code <dir>/<table>.tsv} in COPY text format. */
    public static BookCounts dump(BookSpec spec, Path dir) throws IOException {
        Writer[] writers = new Writer[BookTable.values().length];
        try {
            for (BookTable table : BookTable.values()) {
                writers[table.ordinal()] = new BufferedWriter(
                        Files.newBufferedWriter(file(dir, table), StandardCharsets.UTF_8), 1 << 16);
            }
            RowSink sink = (table, line) -> {
                try {
                    writers[table.ordinal()].append(line).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            return new BookGenerator(spec).generate(sink);
        } finally {
            for (Writer writer : writers) {
                if (writer != null) {
                    writer.close();
                }
            }
        }
    }

    static Path file(Path dir, BookTable table) {
        return dir.resolve(table.tableName() + ".tsv");
    }

    /** The spec the loader used for a book that was loaded into an empty database, for reproducing its rows. */
    public static BookSpec specOfEmptyDatabase(long seed, int customers, LocalDate today) {
        return BookSpec.of(seed, customers, today);
    }
}
