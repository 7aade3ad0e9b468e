package io.insurecrm.coil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.function.BiConsumer;

/**
 * Reads a CoIL 2000 file: one customer per line, whitespace-separated small integers; lines end in CRLF, LF or a
 * lone CR, mixed within one file. Blank lines are skipped; a line with the wrong number of values or a value that
 * is not a number refuses the file, naming the line.
 */
public final class CoilFileReader {

    private static final int MAX_LINE = 4096;

    private CoilFileReader() {
    }

    /** Calls the consumer with each customer's 1-based row number and values; returns the number of rows. */
    public static int read(Reader source, int columns, BiConsumer<Integer, short[]> consumer) throws IOException {
        BufferedReader reader = source instanceof BufferedReader buffered ? buffered : new BufferedReader(source, 1 << 16);
        StringBuilder line = new StringBuilder(512);
        int lineNumber = 0;
        int rows = 0;
        int c;
        boolean lastWasCr = false;
        while (true) {
            c = reader.read();
            if (c == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = c == '\r';
            if (c < 0 || c == '\n' || c == '\r') {
                if (c >= 0 || !line.isEmpty()) {
                    lineNumber++;
                }
                if (!line.toString().isBlank()) {
                    consumer.accept(++rows, parse(line, columns, lineNumber));
                }
                line.setLength(0);
                if (c < 0) {
                    return rows;
                }
            } else {
                if (line.length() >= MAX_LINE) {
                    throw new CoilFileRefused("line " + (lineNumber + 1) + " is longer than " + MAX_LINE + " characters");
                }
                line.append((char) c);
            }
        }
    }

    private static short[] parse(CharSequence line, int columns, int lineNumber) {
        String[] parts = line.toString().strip().split("\\s+");
        if (parts.length != columns) {
            throw new CoilFileRefused("line " + lineNumber + " has " + parts.length + " values, expected " + columns);
        }
        short[] values = new short[columns];
        for (int i = 0; i < columns; i++) {
            try {
                values[i] = Short.parseShort(parts[i]);
            } catch (NumberFormatException e) {
                throw new CoilFileRefused("line " + lineNumber + ", column " + (i + 1) + ": '" + parts[i] + "' is not a number");
            }
        }
        return values;
    }
}
