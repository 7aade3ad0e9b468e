package io.insurecrm.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The chain's hash: SHA-256 over the previous hash and the row's canonical content. Every value is written with its
 * length ({@code 5:alice;}), null as {@code ~;}, so no two different rows share a canonical form.
 */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    static String of(String prevHash, long seq, Instant occurredAt, String actor, String actorRole, String action,
                     Long customerId, List<String> fields, String reason, String remoteAddress) {
        StringBuilder canonical = new StringBuilder(256);
        append(canonical, prevHash);
        append(canonical, Long.toString(seq));
        append(canonical, occurredAt.toString());
        append(canonical, actor);
        append(canonical, actorRole);
        append(canonical, action);
        append(canonical, customerId == null ? null : customerId.toString());
        append(canonical, Integer.toString(fields.size()));
        fields.forEach(field -> append(canonical, field));
        append(canonical, reason);
        append(canonical, remoteAddress);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }

    private static void append(StringBuilder canonical, String value) {
        if (value == null) {
            canonical.append("~;");
        } else {
            canonical.append(value.length()).append(':').append(value).append(';');
        }
    }
}
