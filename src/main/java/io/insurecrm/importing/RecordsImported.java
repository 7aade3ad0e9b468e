package io.insurecrm.importing;

/** Published once when an import job of any entity (CUSTOMER, POLICY, CLAIM, INTERACTION) is committed. */
public record RecordsImported(String entity, long jobId, int created, int updated) {
}
