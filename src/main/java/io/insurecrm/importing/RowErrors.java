package io.insurecrm.importing;

import io.insurecrm.importing.source.SourceRow;
import io.insurecrm.platform.crypto.FieldCipher;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invalid rows of a dry run, sent to {@code import_row_error} with COPY. The file's cells an import keeps — the row's
 * cells (so the error file reproduces the input) and the offending cell — are personal data (names, phones, ID and
 * account numbers, health details): they are sealed here, in Java, before they enter a COPY stream, and so is the copy
 * of the cells a staged row keeps for the set-based checks' errors ({@link #sealedCells}). They are opened only to be
 * shown (the error list, the error file). importing/V94, docs/privacy.md section 10.
 */
final class RowErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long jobId;
    private final CopyBuffer copy;
    private final List<String> header;
    private final FieldCipher cipher;
    private int rows;
    private int lastRow = -1;
    private SourceRow sealedRow;
    private String sealedRowCells;

    RowErrors(DataSource dataSource, long jobId, List<String> header, FieldCipher cipher) {
        this.jobId = jobId;
        this.header = header;
        this.cipher = cipher;
        this.copy = new CopyBuffer(dataSource, "import_row_error",
                List.of("job_id", "row_number", "column_name", "value", "reason_key", "reason_arg", "source"), 2000);
    }

    /** @param column the source column's index, or -1 when the reason concerns the whole row */
    void add(SourceRow row, int column, String reasonKey, Object reasonArg) {
        String columnName = column >= 0 && column < header.size() ? header.get(column) : null;
        String value = column >= 0 ? row.cell(column) : null;
        copy.add(jobId, row.rowNumber(), columnName, cipher.seal(value), reasonKey,
                reasonArg == null ? null : String.valueOf(reasonArg), sealedCells(row));
        if (row.rowNumber() != lastRow) {
            rows++;
            lastRow = row.rowNumber();
        }
    }

    /** The row's cells as a JSON array, sealed (once per row, however many reasons it has). */
    String sealedCells(SourceRow row) {
        if (row != sealedRow) {
            sealedRow = row;
            sealedRowCells = cipher.seal(CopyBuffer.jsonArray(row.cells()));
        }
        return sealedRowCells;
    }

    void flush() {
        copy.flush();
    }

    /**
     * Seals the values of the job's error rows that the set-based checks wrote in SQL (the key, reference or mask they
     * name), so every value of {@code import_row_error} is sealed at rest: a dry run's last step, in its transaction.
     */
    static void sealValuesWrittenInSql(JdbcClient jdbc, FieldCipher cipher, long jobId) {
        if (!cipher.encrypting()) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        List<String> values = new ArrayList<>();
        // a value the file itself gave may look like an envelope (a cell reading v1:…): only one that opens is sealed
        jdbc.sql("select id, value from import_row_error where job_id = :job and value is not null")
                .param("job", jobId)
                .query(rs -> {
                    String value = rs.getString("value");
                    if (!opens(cipher, value)) {
                        ids.add(rs.getLong("id"));
                        values.add(cipher.seal(value));
                    }
                });
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    update import_row_error e set value = v.value
                      from unnest(:ids, :values) as v(id, value)
                     where e.id = v.id""")
                    .param("ids", ids.toArray(new Long[0])).param("values", values.toArray(new String[0]))
                    .update();
        }
    }

    private static boolean opens(FieldCipher cipher, String value) {
        if (!FieldCipher.isSealed(value)) {
            return false;
        }
        try {
            cipher.open(value);
            return true;
        } catch (RuntimeException notAnEnvelope) {
            return false;
        }
    }

    /** The cells of a stored row (sealed, or clear JSON from before V94); none once purged. */
    static List<String> openCells(FieldCipher cipher, String stored) {
        return stored == null ? List.of() : List.of(JSON.readValue(cipher.open(stored), String[].class));
    }
}
