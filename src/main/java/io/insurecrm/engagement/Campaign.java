package io.insurecrm.engagement;

import io.insurecrm.product.ProductLine;
import java.time.Instant;
import java.util.List;

/**
 * A campaign as stored: no personal data (the audience is a definition, not a list). A response is a policy of
 * {@code responseLine} bought within {@code responseDays} of the message's send.
 */
public record Campaign(long id, String name, MessagePurpose purpose, Channel channel, CampaignAudience audience,
                       List<CampaignVariant> variants, ProductLine responseLine, int responseDays, CampaignStatus status,
                       Instant scheduledAt, Instant launchedAt, Instant doneAt, Instant cancelledAt, Instant createdAt,
                       String createdBy, int version) {

    public Campaign {
        variants = List.copyOf(variants);
    }
}
