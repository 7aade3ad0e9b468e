package io.insurecrm.importing.source;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a physical line longer than the limit before the CSV parser buffers it, so a 10 MB line or a quote left
 * open over the rest of a file ends with a clear error instead of filling the heap. Counts lines ended by CRLF, LF
 * or a lone CR.
 */
final class LineLengthLimit extends FilterReader {

    private final int maxChars;
    private int charsInLine;
    private int line = 1;
    private boolean lastWasCr;

    LineLengthLimit(Reader in, int maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i]);
        }
        return n;
    }

    private void count(char c) {
        if (c == '\n') {
            if (!lastWasCr) {
                line++;
            }
            charsInLine = 0;
            lastWasCr = false;
        } else if (c == '\r') {
            line++;
            charsInLine = 0;
            lastWasCr = true;
        } else {
            lastWasCr = false;
            if (++charsInLine > maxChars) {
                throw new SourceFileException("import.file.lineTooLong", line + "|" + maxChars);
            }
        }
    }

    int line() {
        return line;
    }
}
