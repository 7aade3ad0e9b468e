package io.insurecrm.platform.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV written for spreadsheets: UTF-8 with a byte-order mark so Excel reads Chinese, and every text cell that a
 * spreadsheet would take for a formula (starting with =, +, -, @, tab or carriage return) neutralised with a
 * leading apostrophe.
 */
public final class CsvExport implements AutoCloseable {

    private final CSVPrinter printer;

    private CsvExport(Writer writer, List<String> header) throws IOException {
        writer.write('\uFEFF');
        this.printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get());
    }

    public static CsvExport to(Writer writer, List<String> header) {
        try {
            return new CsvExport(writer, header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void row(Object... values) {
        try {
            for (Object value : values) {
                printer.print(neutralise(value));
            }
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as a spreadsheet will show it but never evaluate it: text starting like a formula gets a leading apostrophe. */
    public static Object neutralise(Object value) {
        if (value instanceof CharSequence text && !text.isEmpty()) {
            char first = text.charAt(0);
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                return "'" + text;
            }
        }
        return value;
    }

    @Override
    public void close() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
