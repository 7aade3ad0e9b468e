package io.insurecrm.importing;

import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.csv.CsvExport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The invalid rows of a job in the format of its input — the original columns as read plus an error column — so
 * staff fix them in a spreadsheet and import the file again. CSV is UTF-8 with a byte-order mark (the importer
 * reads it back), XLSX is written with POI's streaming workbook; in both every text that a spreadsheet would take
 * for a formula is neutralised with the platform's CSV export rule. The rows' cells are stored sealed (importing/V94)
 * and opened here; a purged job's rows have none (the reasons stay).
 */
final class ErrorFile {

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final FieldCipher cipher;

    ErrorFile(JdbcClient jdbc, MessageSource messages, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.cipher = cipher;
    }

    void write(ImportJob job, List<String> header, OutputStream out, Locale locale) {
        String errorColumn = messages.getMessage("import.errorFile.column", null, "error", locale);
        List<String> columns = new ArrayList<>(header);
        columns.add(errorColumn);
        Sink sink = "XLSX".equals(job.fileFormat()) ? new XlsxSink(columns) : new CsvSink(out, columns);
        Group group = new Group();
        jdbc.sql("""
                select e.row_number, e.column_name, e.reason_key, e.reason_arg, e.source
                  from import_row_error e where e.job_id = :job order by e.row_number, e.id""")
                .param("job", job.id())
                .query(rs -> {
                    int row = rs.getInt("row_number");
                    if (row != group.row && group.row >= 0) {
                        group.emit(sink, header.size());
                    }
                    if (row != group.row) {
                        group.row = row;
                        group.cells = RowErrors.openCells(cipher, rs.getString("source"));
                        group.reasons.clear();
                    }
                    ImportRowError error = new ImportRowError(row, rs.getString("column_name"), null,
                            rs.getString("reason_key"), rs.getString("reason_arg"));
                    String reason = messages.getMessage(error.reasonKey(), error.reasonArguments(), error.reasonKey(), locale);
                    group.reasons.add(error.column() == null ? reason : error.column() + ": " + reason);
                });
        if (group.row >= 0) {
            group.emit(sink, header.size());
        }
        sink.close(out);
    }

    private static final class Group {
        int row = -1;
        List<String> cells = List.of();
        final List<String> reasons = new ArrayList<>();

        void emit(Sink sink, int width) {
            Object[] values = new Object[width + 1];
            for (int i = 0; i < width; i++) {
                values[i] = i < cells.size() ? cells.get(i) : "";
            }
            values[width] = String.join("; ", reasons);
            sink.row(values);
        }
    }

    private interface Sink {
        void row(Object[] values);

        void close(OutputStream out);
    }

    private static final class CsvSink implements Sink {
        private final Writer writer;
        private final CsvExport csv;

        CsvSink(OutputStream out, List<String> columns) {
            this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            this.csv = CsvExport.to(writer, columns);
        }

        @Override
        public void row(Object[] values) {
            csv.row(values);
        }

        @Override
        public void close(OutputStream out) {
            csv.close();
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class XlsxSink implements Sink {
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        private final Sheet sheet = workbook.createSheet("errors");
        private int next;

        XlsxSink(List<String> columns) {
            row(columns.toArray());
        }

        @Override
        public void row(Object[] values) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.length; i++) {
                row.createCell(i).setCellValue(String.valueOf(CsvExport.neutralise(values[i] == null ? "" : values[i])));
            }
        }

        @Override
        public void close(OutputStream out) {
            try {
                workbook.write(out);
                workbook.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                workbook.dispose();
            }
        }
    }
}
