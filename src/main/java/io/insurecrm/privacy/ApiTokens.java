package io.insurecrm.privacy;

import io.insurecrm.platform.security.BearerTokens;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for integrations: created by an admin with scopes and an expiry, shown once, stored as SHA-256,
 * revocable. {@link #check} authenticates a bearer request: unknown, expired and revoked tokens, requests
 * outside the token's scopes and requests above its rate (per minute, counted on this instance) are refused; every use and refusal is audited, creation and revocation too.
 */
@Service
public class ApiTokens implements BearerTokens {

    public static final int MAX_VALID_DAYS = 366;
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
    public static final int MAX_REQUESTS_PER_MINUTE = 100_000;
    private static final String PREFIX = "icrm_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AccessAudit audit;
    private final Clock clock;
    /** Requests per token in the current minute, on this instance. */
    private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();

    /** A token's requests in one clock minute. */
    private record Window(long minute, int requests) {
    }

    ApiTokens(JdbcClient jdbc, AccessAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new token: {@code secret} is shown to the admin now and never again. */
    public record Created(ApiToken token, String secret) {
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Created create(String name, Set<String> scopes, int validDays) {
        return create(name, scopes, validDays, DEFAULT_REQUESTS_PER_MINUTE);
    }

    /** A new token allowed {@code requestsPerMinute} requests a minute (null: the default, 600). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Created create(String name, Set<String> scopes, int validDays, Integer requestsPerMinute) {
        int rate = requestsPerMinute == null ? DEFAULT_REQUESTS_PER_MINUTE : requestsPerMinute;
        if (rate < 1 || rate > MAX_REQUESTS_PER_MINUTE) {
            throw new FieldRuleViolation("requestsPerMinute", "tokens.requestsPerMinute.invalid", MAX_REQUESTS_PER_MINUTE);
        }
        if (name == null || name.isBlank() || name.strip().length() > 80) {
            throw new FieldRuleViolation("name", "tokens.name.invalid");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new FieldRuleViolation("scopes", "tokens.scopes.missing");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String scope : scopes) {
            try {
                checked.add(ApiTokenScope.of(scope).value());
            } catch (IllegalArgumentException e) {
                throw new FieldRuleViolation("scopes", "tokens.scopes.unknown", scope);
            }
        }
        if (validDays < 1 || validDays > MAX_VALID_DAYS) {
            throw new FieldRuleViolation("validDays", "tokens.validDays.invalid", MAX_VALID_DAYS);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into api_token (name, token_hash, token_prefix, scopes, expires_at, created_at, created_by,
                                               requests_per_minute)
                        values (:name, :hash, :prefix, :scopes, :expires, :now, :actor, :rate) returning id""")
                .param("rate", rate)
                .param("name", name.strip()).param("hash", sha256(secret)).param("prefix", secret.substring(0, 12))
                .param("scopes", checked.toArray(String[]::new))
                .param("expires", OffsetDateTime.ofInstant(now.plus(Duration.ofDays(validDays)), ZoneOffset.UTC))
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("actor", actor())
                .query(Long.class).single();
        audit.record(AuditAction.TOKEN_CREATED, null, List.copyOf(checked), "token " + id + " '" + name.strip() + "' valid "
                + validDays + " days, " + rate + " requests/min");
        return new Created(find(id), secret);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public ApiToken revoke(long id) {
        ApiToken token = find(id);
        if (token.revokedAt() == null) {
            jdbc.sql("update api_token set revoked_at = :now, revoked_by = :actor where id = :id and revoked_at is null")
                    .param("id", id).param("now", OffsetDateTime.now(clock)).param("actor", actor()).update();
            audit.record(AuditAction.TOKEN_REVOKED, null, token.scopes(), "token " + id + " '" + token.name() + "'");
        }
        return find(id);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<ApiToken> list() {
        return jdbc.sql("select * from api_token order by revoked_at nulls first, id desc").query(ApiTokens::row).list();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public ApiToken get(long id) {
        return find(id);
    }

    private ApiToken find(long id) {
        return jdbc.sql("select * from api_token where id = :id").param("id", id).query(ApiTokens::row).optional()
                .orElseThrow(() -> NotFoundException.of("tokens.notFound", id));
    }

    @Override
    public Outcome check(String secret, String method, String path) {
        String request = method + " " + path;
        ApiToken token = secret == null || secret.isBlank() ? null
                : jdbc.sql("select * from api_token where token_hash = :hash").param("hash", sha256(secret))
                .query(ApiTokens::row).optional().orElse(null);
        if (token == null) {
            return refuse(null, 401, "invalid_token", "unknown token", request);
        }
        Instant now = clock.instant();
        if (token.revokedAt() != null) {
            return refuse(token, 401, "invalid_token", "token revoked", request);
        }
        if (!token.expiresAt().isAfter(now)) {
            return refuse(token, 401, "invalid_token", "token expired", request);
        }
        boolean opened = token.scopes().stream().anyMatch(scope -> ApiTokenScope.of(scope).opens(method, path));
        if (!opened) {
            List<String> needed = java.util.Arrays.stream(ApiTokenScope.values()).filter(s -> s.opens(method, path))
                    .map(ApiTokenScope::value).toList();
            return refuse(token, 403, "insufficient_scope", needed.isEmpty() ? "no scope opens " + request
                    : "scope " + String.join(" or ", needed) + " needed for " + request, request);
        }
        long minute = now.getEpochSecond() / 60;
        Window window = windows.merge(token.id(), new Window(minute, 1), (old, one) ->
                old.minute() == minute ? new Window(minute, old.requests() + 1) : one);
        if (window.requests() > token.requestsPerMinute()) {
            long retryAfter = Math.max(1, (minute + 1) * 60 - now.getEpochSecond());
            String why = "more than " + token.requestsPerMinute() + " requests this minute";
            // only the first refused request of a minute is audited (merge counts atomically, so exactly one request
            // sees limit + 1): a runaway client must not flood the trail
            if (window.requests() == token.requestsPerMinute() + 1) {
                audit.recordAs(actorOf(token), "INTEGRATION", AuditAction.TOKEN_REFUSED, null, token.scopes(),
                        why + ": " + request);
            }
            return new Refused(429, "rate_limited", why, retryAfter);
        }
        jdbc.sql("update api_token set last_used_at = :now where id = :id").param("id", token.id())
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
        audit.recordAs(actorOf(token), "INTEGRATION", AuditAction.TOKEN_USED, null, token.scopes(), request);
        return new Granted(new StaffPrincipal(-token.id(), actorOf(token), "", token.name(), Role.ADMIN, null, null, true));
    }

    private Refused refuse(ApiToken token, int status, String error, String why, String request) {
        audit.recordAs(token == null ? "token:?" : actorOf(token), "INTEGRATION", AuditAction.TOKEN_REFUSED, null,
                token == null ? List.of() : token.scopes(), why + ": " + request);
        return new Refused(status, error, why);
    }

    private static String actorOf(ApiToken token) {
        return "token:" + token.id() + ":" + token.name();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String actor() {
        return CurrentStaff.get().map(StaffPrincipal::username).orElse("system");
    }

    private static ApiToken row(ResultSet rs, int n) throws SQLException {
        Array scopes = rs.getArray("scopes");
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                List.of((String[]) scopes.getArray()), instant(rs, "expires_at"), instant(rs, "created_at"),
                rs.getString("created_by"), instant(rs, "last_used_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
                rs.getInt("requests_per_minute"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
