package io.insurecrm.importing.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Streams a CSV file with Apache Commons CSV; the separator (comma, semicolon or tab) is taken from the header line. */
final class CsvSource {

    private static final Pattern START_LINE = Pattern.compile("startline (\\d+)");
    private final int maxLineChars;

    CsvSource(int maxLineChars) {
        this.maxLineChars = maxLineChars;
    }

    int read(Path file, Charset charset, RowSink sink) {
        char delimiter = delimiter(file, charset);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        LineLengthLimit limited = null;
        int rows = 0;
        try (Reader reader = limited = new LineLengthLimit(new BufferedReader(decoder(file, charset), 1 << 16), maxLineChars)) {
            skipByteOrderMark(reader);
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            boolean header = true;
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>(record.size());
                record.forEach(cells::add);
                if (header) {
                    sink.header(cells);
                    header = false;
                } else {
                    sink.row(new SourceRow((int) record.getRecordNumber(), cells));
                    rows++;
                }
            }
            if (header) {
                throw new SourceFileException("import.file.empty", null);
            }
            return rows;
        } catch (UncheckedIOException e) {
            throw translate(e.getCause(), limited);
        } catch (IOException e) {
            throw translate(e, limited);
        }
    }

    private static SourceFileException translate(IOException e, LineLengthLimit limited) {
        int line = limited == null ? 1 : limited.line();
        if (e instanceof CharacterCodingException) {
            return new SourceFileException("import.file.encoding", line, e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("EOF reached before encapsulated token finished") || message.contains("encapsulated")) {
            Matcher start = START_LINE.matcher(message);
            return new SourceFileException("import.file.unbalancedQuote", start.find() ? start.group(1) : String.valueOf(line), e);
        }
        return new SourceFileException("import.file.unreadable", line, e);
    }

    private static Reader decoder(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(Files.newInputStream(file), decoder);
    }

    private static void skipByteOrderMark(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /** The separator that occurs most often in the first line: comma unless semicolons or tabs outnumber commas. */
    private char delimiter(Path file, Charset charset) {
        try (Reader reader = new LineLengthLimit(new BufferedReader(decoder(file, charset), 1 << 16), maxLineChars)) {
            int commas = 0;
            int semicolons = 0;
            int tabs = 0;
            int c;
            while ((c = reader.read()) >= 0 && c != '\n' && c != '\r') {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
            if (tabs > commas && tabs >= semicolons) {
                return '\t';
            }
            return semicolons > commas ? ';' : ',';
        } catch (IOException e) {
            throw translate(e, null);
        }
    }
}
