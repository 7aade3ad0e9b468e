package io.insurecrm.engagement;

import java.util.List;
import java.util.Map;

/**
 * What a launch would do now, nothing written: the audience, those left out per reason, those queued per variant,
 * and a few rendered messages (personal data: shown to marketing staff only, and audited).
 */
public record CampaignPreview(long campaignId, int audience, Map<SkipReason, Integer> skipped,
                              Map<String, Integer> perVariant, List<Sample> sample) {

    public CampaignPreview {
        skipped = Map.copyOf(skipped);
        perVariant = Map.copyOf(perVariant);
        sample = List.copyOf(sample);
    }

    public int queued() {
        return perVariant.values().stream().mapToInt(Integer::intValue).sum();
    }

    public record Sample(long customerId, String customerName, String variant, String locale, String subject, String body) {
    }
}
