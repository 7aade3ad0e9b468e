package io.insurecrm.segmentation;

/**
 * What proposed tag rules would do to one rule tag, over the customers in scope: how many have it now, how many would
 * have it, how many would gain it and how many lose it (nothing saved).
 */
public record TagPreview(String tagDimension, String tag, long current, long proposed, long gained, long lost) {
}
