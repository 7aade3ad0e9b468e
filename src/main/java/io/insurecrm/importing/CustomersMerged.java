package io.insurecrm.importing;

/**
 * Two customers were found to be one person and merged: {@code mergedId} now points to {@code survivorId}, which holds
 * his policies, claims and interactions. Published inside the merge's transaction, so a synchronous listener's work
 * commits (or fails) with the merge — e.g. the analysts' stored list drops the merged customer at once.
 */
public record CustomersMerged(long mergeId, long survivorId, long mergedId) {
}
