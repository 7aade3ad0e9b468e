package io.insurecrm.platform.security;

/**
 * Checks an {@code Authorization: Bearer} token of an API request (implemented by the privacy module's API tokens,
 * so the platform does not depend on it). The answer is a principal limited to the token's scopes, or a refusal.
 */
public interface BearerTokens {

    Outcome check(String token, String method, String path);

    sealed interface Outcome permits Granted, Refused {
    }

    /** The request may go on as this integration principal (see {@link StaffPrincipal#isIntegration()}). */
    record Granted(StaffPrincipal principal) implements Outcome {
    }

    /**
     * 401 for an unknown, expired or revoked token ({@code invalid_token}), 403 outside its scopes
     * ({@code insufficient_scope}), 429 above its request rate ({@code rate_limited}, to be retried after
     * {@code retryAfterSeconds}; 0 for the other refusals).
     */
    record Refused(int status, String error, String description, long retryAfterSeconds) implements Outcome {

        public Refused(int status, String error, String description) {
            this(status, error, description, 0);
        }
    }
}
