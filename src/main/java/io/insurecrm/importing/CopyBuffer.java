package io.insurecrm.importing;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows collected as CSV text and sent with PostgreSQL COPY on the current transaction's connection every
 * {@code batch} rows: a null is an unquoted empty field, every value is quoted.
 */
final class CopyBuffer {

    private final DataSource dataSource;
    private final String copySql;
    private final int batch;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private int rows;
    private long sent;

    CopyBuffer(DataSource dataSource, String table, List<String> columns, int batch) {
        this.dataSource = dataSource;
        this.copySql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin (format csv)";
        this.batch = batch;
    }

    void add(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            Object value = values[i];
            if (value != null) {
                text.append('"').append(String.valueOf(value).replace("\"", "\"\"")).append('"');
            }
        }
        text.append('\n');
        if (++rows >= batch) {
            flush();
        }
    }

    void flush() {
        if (rows == 0) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            sent += connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(text.toString()));
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        text.setLength(0);
        rows = 0;
    }

    long sent() {
        return sent;
    }

    /** A JSON array of strings, for jsonb columns. */
    static String jsonArray(List<String> values) {
        StringBuilder json = new StringBuilder(values.size() * 16).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"');
            String value = values.get(i);
            for (int j = 0; j < value.length(); j++) {
                char c = value.charAt(j);
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '\n' -> json.append("\\n");
                    case '\r' -> json.append("\\r");
                    case '\t' -> json.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }
}
