package io.insurecrm.engagement;

import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic A/B split: a customer's bucket (0–99) is a fixed multiplicative hash of the campaign and customer
 * ids, and the variants cut 0–99 into ranges in their order by their percentages (A 50 % = buckets 0–49). A re-run
 * gives every customer the same variant; another campaign splits the book differently. The SQL of the launch
 * computes the same bucket ({@link #sql}), which a test holds to {@link #bucket}.
 */
final class CampaignSplit {

    private CampaignSplit() {
    }

    /** Knuth's multiplicative hash of (customer xor campaign), its upper 16 of 32 bits, modulo 100. */
    static int bucket(long campaignId, long customerId) {
        long h = ((customerId ^ campaignId) & 0x7FFFFFFFL) * 2654435761L;
        return (int) (((h & 0xFFFFFFFFL) >>> 16) % 100);
    }

    /** The same as {@link #bucket} in PostgreSQL, for a customer id column and a campaign id parameter. */
    static String sql(String customerColumn, String campaignParameter) {
        return "((((((" + customerColumn + " # " + campaignParameter + ") & 2147483647) * 2654435761) & 4294967295) >> 16) % 100)";
    }

    /** The bucket ranges of the variants in their order, each from its first bucket up to (not including) its last. */
    static List<int[]> ranges(List<Integer> percents) {
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        for (int percent : percents) {
            ranges.add(new int[] {from, from + percent});
            from += percent;
        }
        return ranges;
    }

    /** The label of the variant a customer gets: the range his bucket falls in. */
    static String variantOf(long campaignId, long customerId, List<CampaignVariant> variants) {
        int bucket = bucket(campaignId, customerId);
        List<int[]> ranges = ranges(variants.stream().map(CampaignVariant::percent).toList());
        for (int i = 0; i < variants.size(); i++) {
            if (bucket >= ranges.get(i)[0] && bucket < ranges.get(i)[1]) {
                return variants.get(i).label();
            }
        }
        throw new IllegalArgumentException("the variants' percentages do not cover bucket " + bucket);
    }
}
