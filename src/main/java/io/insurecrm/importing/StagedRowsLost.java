package io.insurecrm.importing;

/**
 * A job's staged rows are not all there when its commit (or resume) starts: the staging table is unlogged, and a
 * crash of the database server empties it. The job cannot finish; it fails, keeping what earlier chunks applied, and
 * the file must be uploaded again (its rows already applied then show as unchanged).
 */
class StagedRowsLost extends IllegalStateException {

    StagedRowsLost(long jobId, long staged, long expected) {
        super("Import job " + jobId + " has " + staged + " of its " + expected
                + " staged rows (the staging table is unlogged and the database restarted after a crash):"
                + " upload the file again");
    }
}
