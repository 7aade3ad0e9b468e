package io.insurecrm.importing;

import java.time.Instant;

/**
 * An import job as staff see it: the file, its dry-run counts, the commit progress. {@code failure} is a message
 * key of {@code i18n/importing} with its argument when the file was refused.
 */
public record ImportJob(long id, String entity, String profile, String fileName, String fileFormat, String encoding,
                        String fileSha256, long fileBytes, ImportStatus status, String failure, String failureArg,
                        int rowsTotal, int rowsInvalid, int rowsToCreate, int rowsToUpdate, int rowsUnchanged,
                        int rowsCreated, int rowsUpdated, int chunkSize, int chunksTotal, int chunksDone,
                        String createdBy, Long scopeBranchId, Instant createdAt, Instant validatedAt, Instant finishedAt) {

    /** Commit progress in percent: chunks applied of all chunks (the household step counts as the last one). */
    public int progressPercent() {
        if (status == ImportStatus.COMMITTED) {
            return 100;
        }
        return chunksTotal == 0 ? 0 : Math.min(99, chunksDone * 100 / (chunksTotal + 1));
    }

    public boolean committable() {
        return status == ImportStatus.VALIDATED || status == ImportStatus.COMMITTING;
    }

    public boolean cancellable() {
        return status == ImportStatus.UPLOADED || status == ImportStatus.VALIDATED;
    }

    public int rowsValid() {
        return rowsToCreate + rowsToUpdate + rowsUnchanged;
    }
}
