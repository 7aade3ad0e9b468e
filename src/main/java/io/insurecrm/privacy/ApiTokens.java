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
 * A token bound to a branch runs as a principal with that branch's data scope; {@link #rotate} replaces a token by a
 * successor with the same settings and revokes the old one now or after an overlap of at most 7 days.
 */
@Service
public class ApiTokens implements BearerTokens {

    public static final int MAX_VALID_DAYS = 366;
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
    public static final int MAX_REQUESTS_PER_MINUTE = 100_000;
    private static final String PREFIX = "icrm_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = "select t.*, b.name as branch_name from api_token t left join branch b on b.id = t.branch_id";

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

    /** A new token allowed {@code requestsPerMinute} requests a minute (null: the default, 600), for the whole book. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Created create(String name, Set<String> scopes, int validDays, Integer requestsPerMinute) {
        return create(name, scopes, validDays, requestsPerMinute, null);
    }

    /**
     * A new token allowed {@code requestsPerMinute} requests a minute (null: the default, 600), seeing the customers of
     * branch {@code branchId} only (like a branch manager's data scope) or the whole book when it is null.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Created create(String name, Set<String> scopes, int validDays, Integer requestsPerMinute, Long branchId) {
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
        String branchName = branchId == null ? null : branchName(branchId);
        return insert(name.strip(), checked, Duration.ofDays(validDays), rate, branchId, branchName, null);
    }

    private Created insert(String name, Set<String> scopes, Duration validity, int rate, Long branchId, String branchName,
                           Long rotatedFrom) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into api_token (name, token_hash, token_prefix, scopes, expires_at, created_at, created_by,
                                               requests_per_minute, branch_id, rotated_from)
                        values (:name, :hash, :prefix, :scopes, :expires, :now, :actor, :rate, :branch, :rotatedFrom)
                        returning id""")
                .param("rate", rate)
                .param("name", name).param("hash", sha256(secret)).param("prefix", secret.substring(0, 12))
                .param("scopes", scopes.toArray(String[]::new))
                .param("expires", OffsetDateTime.ofInstant(now.plus(validity), ZoneOffset.UTC))
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("actor", actor())
                .param("branch", branchId).param("rotatedFrom", rotatedFrom)
                .query(Long.class).single();
        long days = Math.max(1, validity.toDays());
        audit.record(AuditAction.TOKEN_CREATED, null, List.copyOf(scopes), "token " + id + " '" + name + "' valid "
                + days + " days, " + rate + " requests/min, "
                + (branchId == null ? "whole book" : "branch " + branchId + " " + branchName)
                + (rotatedFrom == null ? "" : ", successor of token " + rotatedFrom));
        return new Created(find(id), secret);
    }

    private String branchName(long branchId) {
        return jdbc.sql("select name from branch where id = :id").param("id", branchId).query(String.class).optional()
                .orElseThrow(() -> new FieldRuleViolation("branchId", "tokens.branch.unknown", String.valueOf(branchId)));
    }

    /** A branch a token may be bound to. */
    public record Branch(long id, String code, String name) {
    }

    /** The branches a token may be bound to, by name. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<Branch> branches() {
        return jdbc.sql("select id, code, name from branch order by name, id").query(Branch.class).list();
    }

    /** The longest overlap of a rotation: the old token works at most this long after its successor is made. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    /** A rotation's answer: the successor (its secret shown once) and the old token, revoked now or at a set time. */
    public record Rotated(Created successor, ApiToken previous) {
    }

    /**
     * Rotates token {@code id}: creates its successor (same name, scopes, rate, branch and validity length) and revokes
     * the old one at {@code revokeAt} — now when null, else a time from now to 7 days ahead (the overlap in which both
     * work, for the integration to switch). Refused (409) for a token already revoked or expired; both steps are audited.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Rotated rotate(long id, Instant revokeAt) {
        ApiToken old = find(id);
        Instant now = clock.instant();
        if (!old.isActive(now) || old.isRevocationScheduled(now)) {
            throw new TokenRotationRefused(old.isRevocationScheduled(now) ? "tokens.rotate.scheduled"
                    : old.isRevoked(now) ? "tokens.rotate.revoked" : "tokens.rotate.expired", id);
        }
        Instant at = revokeAt == null ? now : revokeAt;
        if (at.isBefore(now.minusSeconds(60)) || at.isAfter(now.plus(MAX_OVERLAP))) {
            throw new FieldRuleViolation("revokeAt", "tokens.revokeAt.invalid", MAX_OVERLAP.toDays());
        }
        if (at.isBefore(now)) {
            at = now;
        }
        Duration validity = Duration.between(old.createdAt(), old.expiresAt());
        Created successor = insert(old.name(), new LinkedHashSet<>(old.scopes()), validity, old.requestsPerMinute(),
                old.branchId(), old.branchName(), old.id());
        jdbc.sql("update api_token set revoked_at = :at, revoked_by = :actor where id = :id and revoked_at is null")
                .param("id", id).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("actor", actor()).update();
        audit.record(AuditAction.TOKEN_REVOKED, null, old.scopes(), "token " + id + " '" + old.name() + "' rotated to token "
                + successor.token().id() + (at.equals(now) ? ", revoked now" : ", revoked from " + at));
        return new Rotated(successor, find(id));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public ApiToken revoke(long id) {
        ApiToken token = find(id);
        Instant now = clock.instant();
        if (!token.isRevoked(now)) {
            // not yet revoked, or revocation scheduled for later: revoke now
            jdbc.sql("""
                            update api_token set revoked_at = :now, revoked_by = :actor
                            where id = :id and (revoked_at is null or revoked_at > :now)""")
                    .param("id", id).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("actor", actor()).update();
            audit.record(AuditAction.TOKEN_REVOKED, null, token.scopes(), "token " + id + " '" + token.name() + "'");
        }
        return find(id);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<ApiToken> list() {
        return jdbc.sql(SELECT + " order by t.revoked_at nulls first, t.id desc").query(ApiTokens::row).list();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public ApiToken get(long id) {
        return find(id);
    }

    private ApiToken find(long id) {
        return jdbc.sql(SELECT + " where t.id = :id").param("id", id).query(ApiTokens::row).optional()
                .orElseThrow(() -> NotFoundException.of("tokens.notFound", id));
    }

    @Override
    public Outcome check(String secret, String method, String path) {
        String request = method + " " + path;
        ApiToken token = secret == null || secret.isBlank() ? null
                : jdbc.sql(SELECT + " where t.token_hash = :hash").param("hash", sha256(secret))
                .query(ApiTokens::row).optional().orElse(null);
        if (token == null) {
            return refuse(null, 401, "invalid_token", "unknown token", request);
        }
        Instant now = clock.instant();
        if (token.isRevoked(now)) {
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
        return new Granted(new StaffPrincipal(-token.id(), actorOf(token), "", token.name(), Role.ADMIN, null,
                token.branchId(), true));
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
        return CurrentStaff.username();
    }

    private static ApiToken row(ResultSet rs, int n) throws SQLException {
        Array scopes = rs.getArray("scopes");
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                List.of((String[]) scopes.getArray()), instant(rs, "expires_at"), instant(rs, "created_at"),
                rs.getString("created_by"), instant(rs, "last_used_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
                rs.getInt("requests_per_minute"), (Long) rs.getObject("branch_id", Long.class), rs.getString("branch_name"),
                (Long) rs.getObject("rotated_from", Long.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
