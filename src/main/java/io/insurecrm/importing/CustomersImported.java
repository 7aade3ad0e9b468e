package io.insurecrm.importing;

/** An import job committed: so many customers were created and so many updated. */
public record CustomersImported(long jobId, int created, int updated) {
}
