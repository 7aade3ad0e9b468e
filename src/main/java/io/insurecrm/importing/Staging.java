package io.insurecrm.importing;

import io.insurecrm.platform.crypto.FieldCipher;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Set-based steps every row handler takes on its staging table ({@code import_staged_<entity>}, with job_id,
 * row_number, action and source columns): errors for the rows matching a condition, dropping rejected rows,
 * duplicates of a natural key within the file and the create/update/unchanged counts.
 */
final class Staging {

    private final JdbcClient jdbc;
    private final String table;

    Staging(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    String table() {
        return table;
    }

    /** Freshly copied rows: without statistics the planner assumes one row and nests loops over many thousands. */
    void analyze() {
        jdbc.sql("analyze " + table).update();
    }

    /** Records an error for every staged row of the job matching the condition (a trusted SQL fragment over s). */
    void rowError(long jobId, String header, String valueColumn, String reasonKey, String argument, String condition) {
        jdbc.sql("""
                insert into import_row_error (job_id, row_number, column_name, value, reason_key, reason_arg, source)
                select s.job_id, s.row_number, :header, %s, :reason, %s, s.source
                  from %s s
                 where s.job_id = :job and %s""".formatted(valueColumn.equals("null") ? "null" : valueColumn.contains("(") ? valueColumn : "s." + valueColumn,
                        argument, table, condition))
                .param("job", jobId).param("header", header).param("reason", reasonKey).update();
    }

    /** Later rows with the same natural key (an SQL expression over s) as an earlier row are invalid, naming it. */
    void duplicatesInFile(long jobId, String header, String keyColumn) {
        jdbc.sql("""
                insert into import_row_error (job_id, row_number, column_name, value, reason_key, reason_arg, source)
                select d.job_id, d.row_number, :header, d.%1$s, 'import.error.duplicateInFile', d.first_row::text, d.source
                  from (select s.*, min(s.row_number) over (partition by s.%1$s) as first_row
                          from %2$s s where s.job_id = :job) d
                 where d.row_number > d.first_row""".formatted(keyColumn, table))
                .param("job", jobId).param("header", header).update();
    }

    void dropRejected(long jobId) {
        jdbc.sql("""
                delete from %s s where s.job_id = :job
                   and exists (select 1 from import_row_error e where e.job_id = :job and e.row_number = s.row_number)"""
                        .formatted(table))
                .param("job", jobId).update();
    }

    RowHandler.Classification counts(long jobId) {
        return jdbc.sql("""
                select count(*) filter (where action = 'CREATE') as creates,
                       count(*) filter (where action = 'UPDATE') as updates,
                       count(*) filter (where action = 'UNCHANGED') as unchanged
                  from %s where job_id = :job""".formatted(table))
                .param("job", jobId)
                .query((rs, n) -> new RowHandler.Classification(rs.getInt("creates"), rs.getInt("updates"),
                        rs.getInt("unchanged")))
                .single();
    }

    /**
     * For a text staged sealed (a {@link FieldCipher} envelope; envelopes of equal texts differ): in the staged rows of
     * existing records whose text equals the stored one (both opened) the staged text is dropped, so the record keeps
     * its envelope (the commit writes {@code coalesce(staged, stored)}) and the row counts as unchanged when nothing else
     * differs. Streams the matched rows (only records the file names), then one update.
     *
     * @param column         the text column, named alike in the staging table and the target table
     * @param targetTable    the table of the records
     * @param targetIdColumn the staging column holding the matched record's id
     */
    void keepUnchangedSealed(long jobId, String column, String targetTable, String targetIdColumn, FieldCipher cipher) {
        List<Integer> unchanged = new ArrayList<>();
        jdbc.sql("""
                        select s.row_number, s.%1$s as staged, t.%1$s as stored
                          from %2$s s join %3$s t on t.id = s.%4$s
                         where s.job_id = :job and s.%1$s is not null and t.%1$s is not null"""
                        .formatted(column, table, targetTable, targetIdColumn))
                .param("job", jobId)
                .query(rs -> {
                    if (cipher.open(rs.getString("staged")).equals(cipher.open(rs.getString("stored")))) {
                        unchanged.add(rs.getInt("row_number"));
                    }
                });
        if (!unchanged.isEmpty()) {
            jdbc.sql("update %s set %s = null where job_id = :job and row_number = any(:rows)".formatted(table, column))
                    .param("job", jobId).param("rows", unchanged.toArray(new Integer[0])).update();
        }
    }

    int discard(long jobId) {
        return jdbc.sql("delete from " + table + " where job_id = :job").param("job", jobId).update();
    }

    /**
     * Resolves a customer named by customer number (customer.id) or by resident ID number into the target column;
     * when both are given they must name the same customer. The ID number is matched by its blind index, staged in
     * the column named like the ID number column with the suffix {@code _bidx} (the ID number column holds the mask).
     */
    void resolveCustomer(long jobId, String numberColumn, String idNumberColumn, String targetColumn) {
        jdbc.sql("update %1$s s set %4$s = c.id from customer c where s.job_id = :job and s.%2$s is not null and c.id = s.%2$s"
                        .formatted(table, numberColumn, idNumberColumn, targetColumn))
                .param("job", jobId).update();
        jdbc.sql(("update %1$s s set %4$s = case when s.%4$s is null or s.%4$s = c.id then c.id else -1 end from customer c "
                        + "where s.job_id = :job and s.%3$s_bidx is not null and " + CustomerMatchSql.byIdNumber("c", "s.%3$s_bidx"))
                        .formatted(table, numberColumn, idNumberColumn, targetColumn))
                .param("job", jobId).update();
    }
}
