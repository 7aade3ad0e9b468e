package io.insurecrm.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption of single sensitive fields at rest, and their blind indexes.
 * <p>
 * A stored value is the envelope {@code v1:<keyId>:<base64(iv ‖ ciphertext ‖ tag)>}: AES-256-GCM with a random
 * 96-bit IV per value and a 128-bit tag; the envelope's header {@code v1:<keyId>} is the additional authenticated
 * data, so a value cannot be relabelled to another key. New values are encrypted under the active key; every
 * configured key decrypts, so rows written before a rotation stay readable until the re-encryption batch has moved
 * them. A value that is not an envelope is a row written before encryption existed and is returned as it is.
 * <p>
 * The blind index of a value is {@code hex(HMAC-SHA256(indexKey, field ‖ 0x00 ‖ normalised value))}: equal values give
 * equal indexes, so exact search and uniqueness work on it, but without the index key nobody can test a guess.
 * Thread-safe. Each thread reuses one {@link Cipher} (getting an instance looks the provider up every time, and the
 * cost showed: docs/benchmarks.md "Cipher reuse"); it is initialised afresh for every value, with a new random IV for
 * every seal, so no IV is ever used twice under a key.
 */
public final class FieldCipher {

    public static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    /** One AES/GCM cipher per thread, initialised for each value (never used by two threads, never across calls). */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCipher::newCipher);
    private final String activeKeyId;
    private final boolean encrypting;
    /** The blind index key lookups and writers use; replaced by {@link #switchToNextIndexKey()}. */
    private volatile IndexKey indexKey;
    /** The blind index key being rotated to (ADR 0004, amendment), or null. */
    private volatile IndexKey nextIndexKey;

    /** An HMAC key with its per-thread MACs and a fingerprint that names it without revealing it. */
    private static final class IndexKey {
        final ThreadLocal<Mac> macs;
        final String fingerprint;

        IndexKey(byte[] bytes) {
            SecretKey key = new SecretKeySpec(bytes, "HmacSHA256");
            this.macs = ThreadLocal.withInitial(() -> newMac(key));
            Mac mac = newMac(key);
            this.fingerprint = HexFormat.of().formatHex(mac.doFinal("insurecrm blind index key fingerprint"
                    .getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        }

        String index(String field, String value) {
            Mac mac = macs.get();
            mac.update(field.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(normalise(value).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * @param keys        data keys by id (AES, 16, 24 or 32 bytes)
     * @param activeKeyId the key new values are encrypted with; must be one of {@code keys}
     * @param indexKey    the blind index key (HMAC-SHA256, at least 32 bytes)
     * @param encrypting  false: {@link #seal} writes the clear value (benchmark baseline only)
     */
    public FieldCipher(Map<String, byte[]> keys, String activeKeyId, byte[] indexKey, boolean encrypting) {
        this(keys, activeKeyId, indexKey, null, encrypting);
    }

    /**
     * @param nextIndexKey the blind index key being rotated to (at least 32 bytes), or null when no rotation is under way
     */
    public FieldCipher(Map<String, byte[]> keys, String activeKeyId, byte[] indexKey, byte[] nextIndexKey, boolean encrypting) {
        if (keys.isEmpty()) {
            throw new CryptoFailure("no data key is configured (crm.crypto.keys.<id> or crm.crypto.keystore)");
        }
        Map<String, SecretKey> loaded = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            if (id == null || !id.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new CryptoFailure("key id '" + id + "' must be 1-32 letters, digits, - or _");
            }
            if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                throw new CryptoFailure("key '" + id + "' has " + bytes.length + " bytes; an AES key has 16, 24 or 32");
            }
            loaded.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (activeKeyId == null || !loaded.containsKey(activeKeyId)) {
            throw new CryptoFailure("the active key '" + activeKeyId + "' (crm.crypto.active-key) is not among the keys "
                    + loaded.keySet());
        }
        if (indexKey == null || indexKey.length < 32) {
            throw new CryptoFailure("the blind index key (crm.crypto.blind-index-key) must have at least 32 bytes");
        }
        if (nextIndexKey != null && nextIndexKey.length < 32) {
            throw new CryptoFailure("the next blind index key (crm.crypto.next-blind-index-key) must have at least 32 bytes");
        }
        if (nextIndexKey != null && java.util.Arrays.equals(indexKey, nextIndexKey)) {
            throw new CryptoFailure("the next blind index key (crm.crypto.next-blind-index-key) is the current one");
        }
        this.keys = Map.copyOf(loaded);
        this.activeKeyId = activeKeyId;
        this.indexKey = new IndexKey(indexKey);
        this.nextIndexKey = nextIndexKey == null ? null : new IndexKey(nextIndexKey);
        this.encrypting = encrypting;
    }

    /** The value to store: the envelope under the active key (the clear value when encryption is switched off). */
    public String seal(String clear) {
        if (clear == null) {
            return null;
        }
        if (!encrypting) {
            return clear;
        }
        String header = VERSION + ":" + activeKeyId;
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return header + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("could not encrypt under key '" + activeKeyId + "'", e);
        }
    }

    /** The clear value of a stored one; a value stored before encryption existed is returned as it is. */
    public String open(String stored) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        int second = stored.indexOf(':', VERSION.length() + 1);
        if (second < 0) {
            throw new CryptoFailure("a stored value has no key id");
        }
        String keyId = stored.substring(VERSION.length() + 1, second);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new CryptoFailure("a stored value is encrypted under key '" + keyId
                    + "', which is not configured (configured: " + keys.keySet() + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new CryptoFailure("a stored value under key '" + keyId + "' is not base64", e);
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new CryptoFailure("a stored value under key '" + keyId + "' is too short");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(stored.substring(0, second).getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CryptoFailure("a stored value under key '" + keyId
                    + "' fails its authentication tag: it was altered or the key is not the one it was encrypted with", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("could not decrypt under key '" + keyId + "'", e);
        }
    }

    /** Whether a stored value is an envelope (as opposed to a clear value written before encryption). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(VERSION + ":");
    }

    /** The key id of an envelope, or null for a clear value. */
    public static String keyIdOf(String stored) {
        if (!isSealed(stored)) {
            return null;
        }
        int second = stored.indexOf(':', VERSION.length() + 1);
        return second < 0 ? null : stored.substring(VERSION.length() + 1, second);
    }

    /** Whether a stored value is already encrypted under the active key (nothing for re-encryption to do). */
    public boolean isCurrent(String stored) {
        return stored == null || (encrypting ? activeKeyId.equals(keyIdOf(stored)) : true);
    }

    /**
     * The blind index of a value of a field: 64 hex characters. The value is normalised first (surrounding blanks
     * removed, upper case), so {@code 11010519491231002x} and {@code 11010519491231002X} match.
     */
    public String blindIndex(String field, String value) {
        return value == null ? null : indexKey.index(field, value);
    }

    /**
     * The blind index of a value under the key being rotated to, or null when no rotation is under way (or for null).
     * Lookups match it against the next index column (and the current one, which holds it once the rotation is switched).
     */
    public String nextBlindIndex(String field, String value) {
        IndexKey next = nextIndexKey;
        return value == null || next == null ? null : next.index(field, value);
    }

    /** Whether a blind index key rotation is under way (a next key is configured and not switched to yet). */
    public boolean rotatingIndexKey() {
        return nextIndexKey != null;
    }

    /** A fingerprint (16 hex) naming the current blind index key without revealing it. */
    public String indexKeyFingerprint() {
        return indexKey.fingerprint;
    }

    /** The fingerprint of the key being rotated to, or null. */
    public String nextIndexKeyFingerprint() {
        IndexKey next = nextIndexKey;
        return next == null ? null : next.fingerprint;
    }

    /**
     * Makes the key being rotated to the current one (after the rotation's switch rewrote the index columns); from now
     * on this instance computes indexes under it. Until the configuration names it as {@code crm.crypto.blind-index-key}
     * a restart adopts it from the fingerprint the switch stored (privacy.crypto.BlindIndexRotation).
     *
     * @throws CryptoFailure when no rotation is under way
     */
    public synchronized void switchToNextIndexKey() {
        if (nextIndexKey == null) {
            throw new CryptoFailure("no next blind index key is configured (crm.crypto.next-blind-index-key)");
        }
        indexKey = nextIndexKey;
        nextIndexKey = null;
    }

    public static String normalise(String value) {
        return value.strip().toUpperCase(Locale.ROOT);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    public boolean encrypting() {
        return encrypting;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("AES/GCM/NoPadding is not available", e);
        }
    }

    private static Mac newMac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("HmacSHA256 is not available", e);
        }
    }
}
