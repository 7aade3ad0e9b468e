package io.insurecrm.privacy;

import java.time.Instant;
import java.util.List;

/** An API token as admins see it: never the token itself, only its first characters. */
public record ApiToken(long id, String name, String prefix, List<String> scopes, Instant expiresAt, Instant createdAt,
                       String createdBy, Instant lastUsedAt, Instant revokedAt, String revokedBy, int requestsPerMinute) {

    public boolean isActive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
