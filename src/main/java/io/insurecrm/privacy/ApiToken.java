package io.insurecrm.privacy;

import java.time.Instant;
import java.util.List;

/**
 * An API token as admins see it: never the token itself, only its first characters. {@code branchId} binds the token
 * to one branch's customers (null: the whole book); {@code rotatedFrom} is the token it replaced; {@code revokedAt}
 * may lie in the future (a rotation's overlap): the token works until then.
 */
public record ApiToken(long id, String name, String prefix, List<String> scopes, Instant expiresAt, Instant createdAt,
                       String createdBy, Instant lastUsedAt, Instant revokedAt, String revokedBy, int requestsPerMinute,
                       Long branchId, String branchName, Long rotatedFrom) {

    public boolean isActive(Instant now) {
        return !isRevoked(now) && expiresAt.isAfter(now);
    }

    /** Revoked by now (a revocation scheduled for later does not count yet). */
    public boolean isRevoked(Instant now) {
        return revokedAt != null && !revokedAt.isAfter(now);
    }

    /** A revocation is scheduled for later: the token still works until {@link #revokedAt()}. */
    public boolean isRevocationScheduled(Instant now) {
        return revokedAt != null && revokedAt.isAfter(now);
    }
}
