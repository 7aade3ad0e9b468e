package io.insurecrm.platform.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@link FieldCipher} from {@code crm.crypto.*}: data keys from properties and/or a PKCS12 keystore, the
 * blind index key, and — only when none is configured and {@code crm.crypto.dev-keys=true} — generated development
 * keys, announced by a loud warning at every start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoSettings.class)
public class CryptoConfiguration {

    static final String BLIND_INDEX_ALIAS = "blind-index";
    static final String NEXT_BLIND_INDEX_ALIAS = "blind-index-next";
    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);
    /** In-memory development keys are per JVM, not per application context (tests start several on one database). */
    private static Properties inMemoryDevKeys;

    @Bean
    FieldCipher fieldCipher(CryptoSettings settings) {
        return cipherFor(settings);
    }

    /** The cipher the settings describe (also used by tests and command-line tools without a context). */
    public static FieldCipher cipherFor(CryptoSettings settings) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        byte[] indexKey = null;
        String active = blank(settings.activeKey()) ? null : settings.activeKey().strip();
        settings.keys().forEach((id, value) -> keys.put(id, base64(value, "crm.crypto.keys." + id)));
        if (!blank(settings.blindIndexKey())) {
            indexKey = base64(settings.blindIndexKey(), "crm.crypto.blind-index-key");
        }
        byte[][] next = {blank(settings.nextBlindIndexKey()) ? null
                : base64(settings.nextBlindIndexKey(), "crm.crypto.next-blind-index-key")};
        if (!blank(settings.keystore())) {
            indexKey = readKeystore(settings, keys, indexKey, next);
        }
        if (keys.isEmpty() && indexKey == null && settings.devKeys()) {
            Properties dev = devKeys(settings.devKeyFile());
            keys.put("dev", base64(dev.getProperty("dev"), "dev key"));
            indexKey = base64(dev.getProperty(BLIND_INDEX_ALIAS), "dev blind index key");
            active = "dev";
            log.warn("""

                    ************************************************************************************************
                    *  DEVELOPMENT ENCRYPTION KEYS IN USE (crm.crypto.dev-keys=true, no crm.crypto.keys configured) *
                    *  ID numbers are encrypted with a generated key kept {}.
                    *  Never run a real book like this: configure crm.crypto.keys.<id>, crm.crypto.active-key and *
                    *  crm.crypto.blind-index-key (or crm.crypto.keystore) and set crm.crypto.dev-keys=false.      *
                    ************************************************************************************************""",
                    blank(settings.devKeyFile()) ? "in memory for this run only" : "in " + Path.of(settings.devKeyFile()).toAbsolutePath());
        }
        if (keys.size() == 1 && active == null) {
            active = keys.keySet().iterator().next();
        }
        FieldCipher cipher = new FieldCipher(keys, active, indexKey, next[0], settings.enabled());
        if (cipher.rotatingIndexKey()) {
            log.warn("Blind index key rotation under way: next key {} (current {}); lookups check both index columns",
                    cipher.nextIndexKeyFingerprint(), cipher.indexKeyFingerprint());
        }
        if (!settings.enabled()) {
            log.warn("crm.crypto.enabled=false: new sensitive values are written IN THE CLEAR (benchmark baseline only)");
        }
        log.info("Field encryption: active key '{}', keys {}", active, cipher.keyIds());
        return cipher;
    }

    private static byte[] readKeystore(CryptoSettings settings, Map<String, byte[]> keys, byte[] indexKey, byte[][] next) {
        char[] password = settings.keystorePassword() == null ? new char[0] : settings.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(settings.keystore()))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                byte[] bytes = store.getKey(alias, password).getEncoded();
                if (BLIND_INDEX_ALIAS.equals(alias)) {
                    indexKey = bytes;
                } else if (NEXT_BLIND_INDEX_ALIAS.equals(alias)) {
                    next[0] = bytes;
                } else {
                    keys.put(alias, bytes);
                }
            }
            return indexKey;
        } catch (IOException | GeneralSecurityException e) {
            throw new CryptoFailure("the keystore " + settings.keystore() + " (crm.crypto.keystore) cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Development keys: read from the file, or generated (and written to it, owner-only, when a file is named). */
    private static synchronized Properties devKeys(String file) {
        if (blank(file) && inMemoryDevKeys != null) {
            return inMemoryDevKeys;
        }
        Properties keys = new Properties();
        Path path = blank(file) ? null : Path.of(file);
        try {
            if (path != null && Files.exists(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    keys.load(in);
                }
                return keys;
            }
            SecureRandom random = new SecureRandom();
            for (String name : new String[] {"dev", BLIND_INDEX_ALIAS}) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                keys.setProperty(name, Base64.getEncoder().encodeToString(key));
            }
            if (path == null) {
                inMemoryDevKeys = keys;
            } else {
                if (path.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(path.toAbsolutePath().getParent());
                }
                try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
                    keys.store(out, "InsureCRM DEVELOPMENT keys - never use for a real book");
                }
                try {
                    Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            return keys;
        } catch (IOException e) {
            throw new CryptoFailure("the development key file " + path + " cannot be read or written: " + e.getMessage(), e);
        }
    }

    private static byte[] base64(String value, String name) {
        if (blank(value)) {
            throw new CryptoFailure(name + " is empty");
        }
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CryptoFailure(name + " is not base64: " + e.getMessage(), e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
