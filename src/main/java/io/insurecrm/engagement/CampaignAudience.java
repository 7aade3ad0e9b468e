package io.insurecrm.engagement;

/**
 * Who a campaign is for: the customers currently in a segment (dimension + segment code), carrying a tag (tag dimension
 * + tag), or the best {@code top} of the cross-sell target list of a product line (code = the line).
 */
public record CampaignAudience(Kind kind, String dimension, String code, Integer top) {

    public enum Kind { SEGMENT, TAG, TARGET_LIST }
}
