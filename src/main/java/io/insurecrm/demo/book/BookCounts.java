package io.insurecrm.demo.book;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Rows generated per table. */
public record BookCounts(Map<BookTable, Long> rows) {

    public BookCounts {
        rows = Collections.unmodifiableMap(new EnumMap<>(rows));
    }

    public long of(BookTable table) {
        return rows.getOrDefault(table, 0L);
    }

    public long total() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
