package io.insurecrm.portal;

import io.insurecrm.claim.ClaimAttachment;
import io.insurecrm.claim.ClaimExtension;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The photos customers upload with a claim in the portal, for the staff claim page and API (the claim module asks
 * through its {@link ClaimExtension} SPI after checking the staff member's data scope, and audits the view).
 */
@Component
class StaffClaimPhotos implements ClaimExtension {

    private final JdbcClient jdbc;

    StaffClaimPhotos(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String source() {
        return "portal";
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClaimAttachment> attachments(long claimId) {
        return jdbc.sql("""
                        select id, file_name, content_type, size_bytes, uploaded_at
                          from portal_claim_photo where claim_id = :claim order by id""")
                .param("claim", claimId)
                .query((rs, n) -> new ClaimAttachment(source(), rs.getLong("id"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getInt("size_bytes"),
                        rs.getObject("uploaded_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ClaimAttachment.Content> content(long claimId, long attachmentId) {
        return jdbc.sql("select file_name, content_type, content from portal_claim_photo where id = :id and claim_id = :claim")
                .param("id", attachmentId).param("claim", claimId)
                .query((rs, n) -> new ClaimAttachment.Content(rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content")))
                .optional();
    }
}
