package io.insurecrm.privacy;

import java.time.Instant;

/** A customer granted consent for a purpose. */
public record ConsentGranted(long customerId, ConsentPurpose purpose, ConsentSource source, String noticeVersion,
                             Instant recordedAt) {
}
