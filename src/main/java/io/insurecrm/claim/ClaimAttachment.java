package io.insurecrm.claim;

import java.time.Instant;

/** A file another module keeps for a claim (e.g. a photo the customer uploaded), as listed for staff. */
public record ClaimAttachment(String source, long id, String fileName, String contentType, int sizeBytes,
                              Instant uploadedAt) {

    /** An attachment's bytes with their media type. */
    public record Content(String fileName, String contentType, byte[] bytes) {
    }
}
