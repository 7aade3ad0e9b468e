package io.insurecrm.importing;

/** A merge of two customers, active or undone. */
public enum MergeState {
    MERGED, UNMERGED
}
