package io.insurecrm.platform.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys for field encryption ({@code crm.crypto.*}, docs/privacy.md section 10, ADR 0004).
 *
 * @param enabled        false only for a benchmark baseline: new values are written in the clear (reads still decrypt)
 * @param keys           data keys by id, each 32 bytes in base64 ({@code crm.crypto.keys.k2026=...})
 * @param activeKey      the id of the key that encrypts new values; the others only decrypt
 * @param blindIndexKey  the HMAC key of the blind indexes, 32 bytes in base64; never rotated with the data keys
 * @param nextBlindIndexKey the blind index key being rotated to (ADR 0004, amendment), 32 bytes in base64, or the
 *                       keystore alias {@code blind-index-next}; empty when no rotation is under way
 * @param keystore       a PKCS12 keystore holding the data keys (alias = key id) and the blind index key
 *                       (alias {@code blind-index}), instead of or in addition to {@code keys}
 * @param keystorePassword the keystore's password (also the entries' password)
 * @param devKeys        without any configured key: generate development keys (with a loud warning) instead of failing
 * @param devKeyFile     where development keys are kept between starts (blank: in memory for this run only)
 */
@ConfigurationProperties("crm.crypto")
public record CryptoSettings(@DefaultValue("true") boolean enabled, Map<String, String> keys, String activeKey,
                             String blindIndexKey, String keystore, String keystorePassword,
                             @DefaultValue("false") boolean devKeys, String devKeyFile,
                             String nextBlindIndexKey) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public CryptoSettings {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    /** Settings without a blind index key rotation under way. */
    public CryptoSettings(boolean enabled, Map<String, String> keys, String activeKey, String blindIndexKey, String keystore,
                          String keystorePassword, boolean devKeys, String devKeyFile) {
        this(enabled, keys, activeKey, blindIndexKey, keystore, keystorePassword, devKeys, devKeyFile, null);
    }
}
