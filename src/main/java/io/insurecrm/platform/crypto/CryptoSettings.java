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
 * @param keystore       a PKCS12 keystore holding the data keys (alias = key id) and the blind index key
 *                       (alias {@code blind-index}), instead of or in addition to {@code keys}
 * @param keystorePassword the keystore's password (also the entries' password)
 * @param devKeys        without any configured key: generate development keys (with a loud warning) instead of failing
 * @param devKeyFile     where development keys are kept between starts (blank: in memory for this run only)
 */
@ConfigurationProperties("crm.crypto")
public record CryptoSettings(@DefaultValue("true") boolean enabled, Map<String, String> keys, String activeKey,
                             String blindIndexKey, String keystore, String keystorePassword,
                             @DefaultValue("false") boolean devKeys, String devKeyFile) {

    public CryptoSettings {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
}
