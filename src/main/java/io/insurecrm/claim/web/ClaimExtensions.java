package io.insurecrm.claim.web;

import io.insurecrm.claim.ClaimAttachment;
import io.insurecrm.claim.ClaimExtension;
import io.insurecrm.claim.ClaimFlag;
import io.insurecrm.platform.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The {@link ClaimExtension} beans of other modules, asked together for a claim the caller may see. */
final class ClaimExtensions {

    private final ObjectProvider<ClaimExtension> extensions;

    ClaimExtensions(ObjectProvider<ClaimExtension> extensions) {
        this.extensions = extensions;
    }

    List<ClaimFlag> flags(long claimId) {
        return extensions.orderedStream().flatMap(e -> e.flags(claimId).stream()).toList();
    }

    List<ClaimAttachment> attachments(long claimId) {
        return extensions.orderedStream().flatMap(e -> e.attachments(claimId).stream()).toList();
    }

    /** @throws NotFoundException when no extension of that source has the attachment on the claim */
    ClaimAttachment.Content content(long claimId, String source, long attachmentId) {
        return extensions.orderedStream().filter(e -> e.source().equals(source)).findFirst()
                .flatMap(e -> e.content(claimId, attachmentId))
                .orElseThrow(() -> NotFoundException.of("claim.attachment.notFound", attachmentId));
    }

    /** The bytes with their media type, never sniffed, shown inline or offered as a download under their file name. */
    static ResponseEntity<byte[]> response(ClaimAttachment.Content content, boolean download) {
        ContentDisposition disposition = (download ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(content.fileName(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
                .header("X-Content-Type-Options", "nosniff").header("Content-Disposition", disposition.toString())
                .header("Cache-Control", "no-store").body(content.bytes());
    }
}
