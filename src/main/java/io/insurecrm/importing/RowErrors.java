package io.insurecrm.importing;

import io.insurecrm.importing.source.SourceRow;
import java.util.List;
import javax.sql.DataSource;

/** Invalid rows of a dry run, sent to {@code import_row_error} with COPY. */
final class RowErrors {

    private final long jobId;
    private final CopyBuffer copy;
    private final List<String> header;
    private int rows;
    private int lastRow = -1;

    RowErrors(DataSource dataSource, long jobId, List<String> header) {
        this.jobId = jobId;
        this.header = header;
        this.copy = new CopyBuffer(dataSource, "import_row_error",
                List.of("job_id", "row_number", "column_name", "value", "reason_key", "reason_arg", "source"), 2000);
    }

    /** @param column the source column's index, or -1 when the reason concerns the whole row */
    void add(SourceRow row, int column, String reasonKey, Object reasonArg) {
        String columnName = column >= 0 && column < header.size() ? header.get(column) : null;
        String value = column >= 0 ? row.cell(column) : null;
        copy.add(jobId, row.rowNumber(), columnName, value, reasonKey, reasonArg == null ? null : String.valueOf(reasonArg),
                CopyBuffer.jsonArray(row.cells()));
        if (row.rowNumber() != lastRow) {
            rows++;
            lastRow = row.rowNumber();
        }
    }

    void flush() {
        copy.flush();
    }
}
