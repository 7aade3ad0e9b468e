package io.insurecrm.portal;

import io.insurecrm.claim.ClaimManagement;
import io.insurecrm.claim.ReportClaim;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A claim reported by the customer with a description and photos: every photo is checked (an image by its magic
 * bytes, within the size limit, at most so many) before anything is written, then the claim (through the claim
 * module's facade, same rules as staff) and its photos are stored in one transaction.
 */
@Service
public class PortalClaimReport {

    private final ClaimManagement claims;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PortalSettings settings;

    PortalClaimReport(ClaimManagement claims, JdbcClient jdbc, Clock clock, PortalSettings settings) {
        this.claims = claims;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /** A photo as uploaded. */
    public record Upload(String fileName, byte[] bytes) {
    }

    @Transactional
    public long report(long customerId, long policyId, LocalDate incidentDate, BigDecimal amount, String description,
                       List<Upload> photos) {
        List<Upload> real = photos.stream().filter(p -> p.bytes() != null && p.bytes().length > 0).toList();
        if (real.size() > settings.maxPhotos()) {
            throw new FieldRuleViolation("photos", "portal.photo.tooMany", settings.maxPhotos());
        }
        List<String> types = real.stream().map(photo -> {
            if (photo.bytes().length > settings.photoMaxBytes()) {
                throw new FieldRuleViolation("photos", "portal.photo.tooLarge", name(photo), settings.photoMaxBytes() / (1024 * 1024));
            }
            return ClaimPhotos.imageType(photo.bytes())
                    .orElseThrow(() -> new FieldRuleViolation("photos", "portal.photo.notImage", name(photo)));
        }).toList();
        if (description != null && description.length() > 2000) {
            throw new FieldRuleViolation("description", "portal.claim.descriptionTooLong", 2000);
        }
        if (incidentDate == null) {
            throw new FieldRuleViolation("incidentDate", "validation.required");
        }
        long claimId = claims.reportAsCustomer(customerId, new ReportClaim(policyId, null, incidentDate, null, amount,
                description == null || description.isBlank() ? null : description.strip()));
        for (int i = 0; i < real.size(); i++) {
            jdbc.sql("""
                            insert into portal_claim_photo (claim_id, customer_id, file_name, content_type, size_bytes, content, uploaded_at)
                            values (:claim, :customer, :name, :type, :size, :content, :at)""")
                    .param("claim", claimId).param("customer", customerId).param("name", name(real.get(i)))
                    .param("type", types.get(i)).param("size", real.get(i).bytes().length).param("content", real.get(i).bytes())
                    .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
        }
        return claimId;
    }

    private static String name(Upload photo) {
        String name = photo.fileName() == null || photo.fileName().isBlank() ? "photo" : photo.fileName().strip();
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
