package io.insurecrm.privacy;

import java.time.Instant;

/**
 * A customer's personal data was erased (anonymised in place, PIPL art. 47): listeners drop what they keep of him
 * outside the insurer's retained records, e.g. his row in the analysts' list.
 */
public record CustomerErased(long customerId, Instant erasedAt) {
}
