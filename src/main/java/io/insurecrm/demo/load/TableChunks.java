package io.insurecrm.demo.load;

import io.insurecrm.demo.book.BookTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The rows of one batch of units, per table, as UTF-8 COPY text ready to stream to the server. */
final class TableChunks {

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        InputStream input() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }

    private final Buffer[] buffers = new Buffer[BookTable.values().length];
    private final Writer[] writers = new Writer[BookTable.values().length];
    private final long[] rows = new long[BookTable.values().length];
    private final boolean last;

    TableChunks(boolean last) {
        this.last = last;
        if (!last) {
            for (BookTable table : BookTable.values()) {
                buffers[table.ordinal()] = new Buffer();
                writers[table.ordinal()] = new OutputStreamWriter(buffers[table.ordinal()], StandardCharsets.UTF_8);
            }
        }
    }

    /** The end-of-book marker. */
    static TableChunks end() {
        return new TableChunks(true);
    }

    boolean isEnd() {
        return last;
    }

    void add(BookTable table, CharSequence line) {
        try {
            writers[table.ordinal()].append(line).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows[table.ordinal()]++;
    }

    TableChunks close() {
        try {
            for (Writer writer : writers) {
                writer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    long rows(BookTable table) {
        return rows[table.ordinal()];
    }

    InputStream input(BookTable table) {
        return buffers[table.ordinal()].input();
    }
}
