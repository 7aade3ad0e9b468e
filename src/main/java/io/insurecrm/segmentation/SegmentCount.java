package io.insurecrm.segmentation;

/** Customers currently placed in a segment (within a data scope). */
public record SegmentCount(String segment, long customers) {
}
