package io.insurecrm.interaction;

import java.time.Instant;

/** An interaction with a customer was recorded — input for NPS, referral rate and churn signals. */
public record InteractionRecorded(long interactionId, long customerId, InteractionType type, InteractionChannel channel,
                                  Instant occurredAt, Integer npsScore, Long referredCustomerId, Long agentId) {
}
