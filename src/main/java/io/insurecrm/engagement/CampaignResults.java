package io.insurecrm.engagement;

import io.insurecrm.platform.disclosure.SmallCellRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's figures, without personal data: per variant the messages queued, delivered (SENT), failed (PARKED),
 * suppressed at send time and still pending, the responders (a policy of the response line bought within the
 * response window after delivery) and the response rate (responders / delivered), each variant after the first
 * tested against the first with a two-proportion z-test ({@link Significance}).
 *
 * @param audience the customers the campaign reached; null when withheld from an analyst (fewer than k)
 * @param smallCellK when the small-cell rule was applied for an analyst ({@link #withSmallCellsWithheld}), k; otherwise null
 */
public record CampaignResults(long campaignId, CampaignStatus status, Integer audience, Map<SkipReason, Integer> skipped,
                              List<VariantResult> variants, Integer smallCellK) {

    public CampaignResults {
        skipped = Map.copyOf(skipped);
        variants = List.copyOf(variants);
    }

    public CampaignResults(long campaignId, CampaignStatus status, int audience, Map<SkipReason, Integer> skipped,
                           List<VariantResult> variants) {
        this(campaignId, status, (Integer) audience, skipped, variants, null);
    }

    /**
     * One variant; {@code withheld} (every figure null) when shown to an analyst and the variant's audience counts fewer
     * than k customers, or it is the next smallest beside the only such variant (the variants add up to the audience).
     */
    public record VariantResult(String label, String templateCode, int percent, Integer audience, Integer skipped,
                                Integer queued, Integer delivered, Integer failed, Integer suppressed, Integer pending,
                                Integer responders, Double responseRate, Significance versusFirst, boolean withheld) {

        public VariantResult(String label, String templateCode, int percent, int audience, int skipped, int queued,
                             int delivered, int failed, int suppressed, int pending, int responders, Double responseRate,
                             Significance versusFirst) {
            this(label, templateCode, percent, (Integer) audience, (Integer) skipped, (Integer) queued, (Integer) delivered,
                    (Integer) failed, (Integer) suppressed, (Integer) pending, (Integer) responders, responseRate, versusFirst,
                    false);
        }

        VariantResult hidden() {
            return new VariantResult(label, templateCode, percent, null, null, null, null, null, null, null, null, null,
                    null, true);
        }

        VariantResult withoutTest() {
            return new VariantResult(label, templateCode, percent, audience, skipped, queued, delivered, failed, suppressed,
                    pending, responders, responseRate, null, withheld);
        }
    }

    /**
     * The results as the current staff member may see them ({@link SmallCellRule}, docs/privacy.md section 7): for an
     * analyst a variant whose audience counts fewer than k customers is withheld, and the next smallest with it when it
     * would be the only one, since the variants add up to the audience shown; a test against a withheld first variant
     * is withheld too (it is computed from its counts). The customers skipped per reason and those not skipped make
     * another breakdown of the audience: a reason of fewer than k customers is left out (with the next smallest when
     * alone). Other roles get the results unchanged.
     */
    public CampaignResults withSmallCellsWithheld(SmallCellRule rule) {
        int k = rule.threshold();
        if (k == 0) {
            return this;
        }
        SmallCellRule.Withheld byVariant = rule.partition(variants.stream().mapToLong(VariantResult::audience).toArray());
        boolean firstHidden = !variants.isEmpty() && byVariant.cell(0);
        List<VariantResult> shown = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            VariantResult v = variants.get(i);
            shown.add(byVariant.cell(i) ? v.hidden() : firstHidden ? v.withoutTest() : v);
        }
        List<SkipReason> reasons = new ArrayList<>(new java.util.TreeSet<>(skipped.keySet()));
        long[] counts = new long[reasons.size() + 1];
        long skippedAll = 0;
        for (int i = 0; i < reasons.size(); i++) {
            counts[i] = skipped.get(reasons.get(i));
            skippedAll += counts[i];
        }
        counts[reasons.size()] = Math.max(0, audience - skippedAll);
        SmallCellRule.Withheld byReason = rule.partition(counts);
        Map<SkipReason, Integer> skippedShown = new EnumMap<>(SkipReason.class);
        for (int i = 0; i < reasons.size(); i++) {
            if (!byReason.cell(i)) {
                skippedShown.put(reasons.get(i), skipped.get(reasons.get(i)));
            }
        }
        boolean audienceHidden = audience > 0 && audience < k;
        return new CampaignResults(campaignId, status, audienceHidden ? null : audience, skippedShown, shown, k);
    }
}
