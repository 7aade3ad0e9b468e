package io.insurecrm.interaction;

import java.time.Instant;

/**
 * An interaction as the timeline shows it. The referred customer's name is given only when the caller's data
 * scope permits that customer; otherwise {@code referredCustomerVisible} is false and the name is null.
 */
public record InteractionEntry(long id, long customerId, InteractionType type, InteractionChannel channel, Instant occurredAt,
                               String outcome, Integer npsScore, Long referredCustomerId, String referredCustomerName,
                               boolean referredCustomerVisible, Long agentId, String agentName) {
}
