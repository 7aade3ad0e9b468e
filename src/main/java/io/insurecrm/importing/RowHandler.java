package io.insurecrm.importing;

import io.insurecrm.importing.source.SourceRow;
import java.time.Instant;
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

    /** Work after the last chunk (e.g. household links between rows of different chunks); inside one transaction. */
    void finish(long jobId, Instant now);

    /** Removes the job's staged rows; returns how many there were. */
    int discard(long jobId);

    interface Stager {
        void accept(SourceRow row, int ordinal);

        void flush();
    }

    record Classification(int create, int update, int unchanged) {
    }

    record ChunkResult(int created, int updated) {
    }
}
