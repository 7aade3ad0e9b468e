package io.insurecrm.importing;

import io.insurecrm.importing.source.SourceRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one kind of record needs to be importable: its fields, a row-by-row check that stages valid rows, the
 * set-based checks and classification of the staged rows, and the commit of one chunk. The machinery (files,
 * jobs, errors, chunks, crash safety) is the same for every kind; another entity is one more handler.
 */
interface RowHandler {

    String entity();

    /** Field names a profile may map columns to. */
    Set<String> fields();

    /** Throws {@link io.insurecrm.importing.source.SourceFileException} when a column the handler needs is not mapped. */
    void checkColumns(Map<String, Integer> fieldColumns);

    /** A stager for one dry run: checks each row, stages valid rows and reports invalid ones. */
    Stager stager(ImportJob job, Map<String, Integer> fieldColumns, RowErrors errors);

    /** Set-based checks of the staged rows (against the book and within the file), then create/update/unchanged. */
    Classification classify(ImportJob job, ImportRequester requester, Map<String, String> fieldHeaders);

    /**
     * Called before a commit (or resume) applies any chunk: throws {@link StagedRowsLost} when the job's staged rows are
     * not all there (an unlogged staging table is emptied by a crash of the database server), so a commit never
     * finishes without them.
     */
    default void checkStaged(ImportJob job) {
    }

    /**
     * True when no staged row depends on a row of another chunk and two chunks never write the same record, so chunks
     * may be committed by several workers at once in any order ({@code crm.import.commit-workers}); false: one worker,
     * chunks in order.
     */
    default boolean chunksIndependent() {
        return false;
    }

    /** Applies one chunk of staged rows; runs inside the chunk's transaction. */
    ChunkResult commitChunk(long jobId, int chunkNo, Instant now);

    /**
     * Work after the last chunk (e.g. household links between rows of different chunks); inside one transaction.
     * Returns the customers it wrote (for the audit).
     */
    List<Written> finish(long jobId, Instant now);

    /** Removes the job's staged rows; returns how many there were. */
    int discard(long jobId);

    interface Stager {
        void accept(SourceRow row, int ordinal);

        void flush();
    }

    record Classification(int create, int update, int unchanged) {
    }

    /**
     * What a chunk applied: counts, and the customers whose records it wrote — one {@link Written} per customer — which
     * the commit records in the audit trail in the chunk's transaction.
     */
    record ChunkResult(int created, int updated, List<Written> customers) {

        public ChunkResult {
            customers = List.copyOf(customers);
        }

        public ChunkResult(int created, int updated) {
            this(created, updated, List.of());
        }
    }

    /**
     * A customer whose data a chunk wrote: the fields (column names) that changed for him, or null when not known (then
     * the columns the job mapped are recorded), and what was done (created, updated, policies written…).
     */
    record Written(long customerId, List<String> changed, String detail) {

        /** The customers of an SQL array of ids (distinct, in order), each with the same detail. */
        static List<Written> of(java.sql.Array ids, String detail) throws java.sql.SQLException {
            if (ids == null) {
                return List.of();
            }
            java.util.List<Written> written = new java.util.ArrayList<>();
            for (Object id : (Object[]) ids.getArray()) {
                written.add(new Written(((Number) id).longValue(), null, detail));
            }
            return written;
        }
    }
}
