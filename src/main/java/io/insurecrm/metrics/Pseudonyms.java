package io.insurecrm.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stable keyed pseudonyms of customers for the analyst views: {@code P-} and 16 characters of base32 of
 * HMAC-SHA256(key, "customer:" ‖ id) — the same for a customer on every request and in every export, not the id and
 * not computable from it without the key (crm.analytics.pseudonym-key, separate from the blind index key). Whoever
 * holds the key and the customer table can re-identify (so the rows are de-identified, not anonymised).
 */
@Component
public class Pseudonyms {

    private static final Logger log = LoggerFactory.getLogger(Pseudonyms.class);
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] BASE32 = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final SecretKeySpec key;

    @org.springframework.beans.factory.annotation.Autowired
    Pseudonyms(AnalyticsSettings settings, @Value("${crm.crypto.dev-keys:false}") boolean devKeys,
               @Value("${crm.crypto.blind-index-key:}") String blindIndexKey) {
        this(keyOf(settings, devKeys, blindIndexKey));
    }

    /** With a key of at least 32 bytes (tests and tools). */
    public Pseudonyms(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalStateException("the pseudonym key (crm.analytics.pseudonym-key) must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The customer's pseudonym. */
    public String of(long customerId) {
        byte[] mac = mac("customer:" + customerId);
        StringBuilder text = new StringBuilder("P-");
        long bits = 0;
        int have = 0;
        for (int i = 0; text.length() < 18; ) {
            if (have < 5) {
                bits = (bits << 8) | (mac[i++] & 0xff);
                have += 8;
            }
            text.append(BASE32[(int) (bits >>> (have - 5)) & 31]);
            have -= 5;
        }
        return text.toString();
    }

    /**
     * A keyed value for ordering rows in SQL (md5 of it and the id): a stable order that follows neither the ids nor
     * the registration order, without sending the key itself to the database.
     */
    public String orderSalt() {
        return HexFormat.of().formatHex(mac("order"));
    }

    /** The key's fingerprint (first 8 bytes of SHA-256 of a MAC), for the page and the logs; reveals nothing of the key. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mac("fingerprint")), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] keyOf(AnalyticsSettings settings, boolean devKeys, String blindIndexKey) {
        String configured = settings.pseudonymKey();
        if (configured != null && !configured.isBlank()) {
            if (blindIndexKey != null && configured.strip().equals(blindIndexKey.strip())) {
                throw new IllegalStateException("crm.analytics.pseudonym-key must differ from crm.crypto.blind-index-key");
            }
            try {
                return Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("crm.analytics.pseudonym-key is not base64: " + e.getMessage());
            }
        }
        if (!devKeys) {
            throw new IllegalStateException("no pseudonym key: set crm.analytics.pseudonym-key (32 bytes in base64, "
                    + "e.g. head -c 32 /dev/urandom | base64)");
        }
        byte[] key = devKey(settings.devKeyFile());
        log.warn("DEVELOPMENT PSEUDONYM KEY IN USE (crm.crypto.dev-keys=true, no crm.analytics.pseudonym-key): {}",
                blankFile(settings.devKeyFile()) ? "in memory for this run only" : "kept in " + Path.of(settings.devKeyFile()).toAbsolutePath());
        return key;
    }

    private static boolean blankFile(String file) {
        return file == null || file.isBlank();
    }

    private static byte[] devKey(String file) {
        if (blankFile(file)) {
            return random();
        }
        Path path = Path.of(file);
        Properties properties = new Properties();
        try {
            if (Files.exists(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    properties.load(in);
                }
                return Base64.getDecoder().decode(properties.getProperty("pseudonym-key"));
            }
            byte[] key = random();
            properties.setProperty("pseudonym-key", Base64.getEncoder().encodeToString(key));
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            try (OutputStream out = Files.newOutputStream(path)) {
                properties.store(out, "development pseudonym key (crm.analytics.pseudonym-key); never for a real book");
            }
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("the development pseudonym key file " + file + " cannot be used", e);
        }
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
