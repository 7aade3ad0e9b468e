package io.insurecrm.importing.source;

import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * Reads a stored source file row by row without holding it in memory. CSV in UTF-8 (with or without a byte-order
 * mark) or GBK, comma, semicolon or tab separated, CRLF, LF or lone CR line endings; XLSX with the streaming reader
 * (first sheet).
 */
public final class SourceReader {

    private final int maxLineChars;

    public SourceReader(int maxLineChars) {
        this.maxLineChars = maxLineChars;
    }

    /** Reads the file and returns the number of data rows; a file that cannot be read throws {@link SourceFileException}. */
    public int read(Path file, SourceFormat format, Charset charset, RowSink sink) {
        return switch (format) {
            case CSV -> new CsvSource(maxLineChars).read(file, charset, sink);
            case XLSX -> new XlsxSource().read(file, sink);
        };
    }
}
