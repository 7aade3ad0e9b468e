package io.insurecrm.privacy;

import java.time.Instant;

/** A customer withdrew consent for a purpose: listeners stop using his data for it (campaigns, analytics). */
public record ConsentWithdrawn(long customerId, ConsentPurpose purpose, ConsentSource source, String noticeVersion,
                               Instant recordedAt) {
}
