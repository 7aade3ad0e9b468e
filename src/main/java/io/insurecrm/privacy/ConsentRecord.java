package io.insurecrm.privacy;

import java.time.Instant;

/** One row of a customer's consent history: a grant or a withdrawal for one purpose. */
public record ConsentRecord(long id, long customerId, ConsentPurpose purpose, boolean granted, ConsentSource source,
                            String noticeVersion, Instant recordedAt, String recordedBy) {
}
