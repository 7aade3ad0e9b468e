package io.insurecrm.customerview;

/** A policy's status as the 360 groups it, in the order the groups are shown. */
public enum PolicyState {
    ACTIVE, LAPSED, EXPIRED, CANCELLED
}
