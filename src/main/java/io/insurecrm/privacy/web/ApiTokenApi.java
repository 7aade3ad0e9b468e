package io.insurecrm.privacy.web;

import io.insurecrm.privacy.ApiToken;
import io.insurecrm.privacy.ApiTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "API tokens", description = "Bearer tokens with scopes for integrations (administrators)")
@PreAuthorize("hasRole('ADMIN')")
class ApiTokenApi {

    private final ApiTokens tokens;

    ApiTokenApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record NewToken(String name, Set<String> scopes, Integer validDays, Integer requestsPerMinute, Long branchId) {
    }

    /** When the old token stops working: null or absent revokes it now; else a time up to 7 days ahead. */
    record Rotation(OffsetDateTime revokeAt) {
    }

    @GetMapping("/api/privacy/tokens")
    List<ApiToken> list() {
        return tokens.list();
    }

    @PostMapping("/api/privacy/tokens")
    @Operation(summary = "Create a token", description = "The answer holds the token (secret) once; only its SHA-256 is kept. "
            + "Scopes: customers:read, policies:read, claims:read, interactions:read, interactions:write, imports:write, metrics:read. "
            + "validDays 1-366, default 90. requestsPerMinute 1-100000, default 600: above it requests get 429 with Retry-After. "
            + "branchId: the token sees only that branch's customers (like a branch manager); absent: the whole book. "
            + "An unknown branch is refused with 400 on the field branchId.")
    ResponseEntity<ApiTokens.Created> create(@RequestBody NewToken body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(tokens.create(body.name(), body.scopes(), body.validDays() == null ? 90 : body.validDays(),
                        body.requestsPerMinute(), body.branchId()));
    }

    @PostMapping("/api/privacy/tokens/{id}/rotation")
    @Operation(summary = "Rotate a token", description = "Creates the successor (same name, scopes, rate, branch and validity "
            + "length; its secret is in the answer, once) and revokes the old token at revokeAt: absent = now, else a time "
            + "up to 7 days ahead while both work (400 on the field revokeAt otherwise). 409 for a token revoked, expired "
            + "or already rotated. Audited as TOKEN_CREATED and TOKEN_REVOKED.")
    ResponseEntity<ApiTokens.Rotated> rotate(@PathVariable long id, @RequestBody(required = false) Rotation body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(tokens.rotate(id, body == null || body.revokeAt() == null ? null : body.revokeAt().toInstant()));
    }

    @PostMapping("/api/privacy/tokens/{id}/revocation")
    @Operation(summary = "Revoke a token at once")
    ApiToken revoke(@PathVariable long id) {
        return tokens.revoke(id);
    }
}
