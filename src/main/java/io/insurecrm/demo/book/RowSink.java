package io.insurecrm.demo.book;

/** Receives the generated book row by row, each row already in PostgreSQL COPY text format (tab separated, \N for null, no newline). */
public interface RowSink {

    void row(BookTable table, CharSequence line);

    /** Called after each unit (household, single customer or company) with the number of customers generated so far. */
    default void unitDone(int customersSoFar) {
    }
}
