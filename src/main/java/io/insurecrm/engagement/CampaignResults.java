package io.insurecrm.engagement;

import java.util.List;
import java.util.Map;

/**
 * A campaign's figures, without personal data: per variant the messages queued, delivered (SENT), failed (PARKED),
 * suppressed at send time and still pending, the responders (a policy of the response line bought within the
 * response window after delivery) and the response rate (responders / delivered), each variant after the first
 * tested against the first with a two-proportion z-test ({@link Significance}).
 */
public record CampaignResults(long campaignId, CampaignStatus status, int audience, Map<SkipReason, Integer> skipped,
                              List<VariantResult> variants) {

    public CampaignResults {
        skipped = Map.copyOf(skipped);
        variants = List.copyOf(variants);
    }

    public record VariantResult(String label, String templateCode, int percent, int audience, int skipped, int queued,
                                int delivered, int failed, int suppressed, int pending, int responders,
                                Double responseRate, Significance versusFirst) {
    }
}
