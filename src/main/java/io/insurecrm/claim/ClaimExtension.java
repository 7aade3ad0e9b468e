package io.insurecrm.claim;

import java.util.List;
import java.util.Optional;

/**
 * What other modules add to a claim for the staff who handle it, without the claim module depending on them (an SPI:
 * the claim module defines it, higher modules implement it as beans, the claim page and API collect them all). The
 * claim module has checked the caller's data scope before it asks; an implementation answers for the claim id only.
 */
public interface ClaimExtension {

    /** This extension's name, unique among the extensions; it selects the extension for an attachment's content. */
    String source();

    /** Flags on the claim (e.g. photo settlement without on-site survey); empty when none applies. */
    default List<ClaimFlag> flags(long claimId) {
        return List.of();
    }

    /** Files attached to the claim (e.g. photos the customer uploaded); empty when none. */
    default List<ClaimAttachment> attachments(long claimId) {
        return List.of();
    }

    /** One attachment's content, only if it belongs to the claim. */
    default Optional<ClaimAttachment.Content> content(long claimId, long attachmentId) {
        return Optional.empty();
    }
}
