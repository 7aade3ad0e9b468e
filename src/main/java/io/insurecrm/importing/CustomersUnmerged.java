package io.insurecrm.importing;

/**
 * A merge was undone: {@code mergedId} is a customer of his own again, with the links he had. Published inside the
 * unmerge's transaction.
 */
public record CustomersUnmerged(long mergeId, long survivorId, long mergedId) {
}
