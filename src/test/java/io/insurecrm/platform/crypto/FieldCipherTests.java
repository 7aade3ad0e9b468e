package io.insurecrm.platform.crypto;

import io.insurecrm.fixtures.TestCiphers;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCipherTests {

    private static final String ID = "11010519491231002X";
    private final FieldCipher cipher = TestCiphers.cipher();

    @Test
    void aNextIndexKeyGivesOtherIndexesUntilTheSwitchMakesItCurrent() {
        byte[] data = new byte[32];
        byte[] current = new byte[32];
        byte[] next = new byte[32];
        java.util.Arrays.fill(current, (byte) 1);
        java.util.Arrays.fill(next, (byte) 2);
        FieldCipher plain = new FieldCipher(Map.of("k1", data), "k1", current, true);
        FieldCipher rotating = new FieldCipher(Map.of("k1", data), "k1", current, next, true);
        FieldCipher rotated = new FieldCipher(Map.of("k1", data), "k1", next, true);
        assertThat(plain.rotatingIndexKey()).isFalse();
        assertThat(plain.nextBlindIndex("f", ID)).isNull();
        assertThat(rotating.blindIndex("f", ID)).isEqualTo(plain.blindIndex("f", ID));
        assertThat(rotating.nextBlindIndex("f", ID)).isEqualTo(rotated.blindIndex("f", ID)).isNotEqualTo(plain.blindIndex("f", ID));
        assertThat(rotating.nextIndexKeyFingerprint()).isEqualTo(rotated.indexKeyFingerprint())
                .isNotEqualTo(plain.indexKeyFingerprint()).hasSize(16);
        rotating.switchToNextIndexKey();
        assertThat(rotating.blindIndex("f", ID)).isEqualTo(rotated.blindIndex("f", ID));
        assertThat(rotating.rotatingIndexKey()).isFalse();
        assertThatThrownBy(rotating::switchToNextIndexKey).isInstanceOf(CryptoFailure.class);
        assertThatThrownBy(() -> new FieldCipher(Map.of("k1", data), "k1", current, current, true))
                .isInstanceOf(CryptoFailure.class).hasMessageContaining("is the current one");
        assertThat(CryptoConfiguration.cipherFor(new CryptoSettings(true, Map.of("k1", Base64.getEncoder().encodeToString(data)), "k1",
                Base64.getEncoder().encodeToString(current), null, null, false, null, Base64.getEncoder().encodeToString(next)))
                .nextIndexKeyFingerprint()).isEqualTo(rotated.indexKeyFingerprint());
    }

    @Test
    void aValueRoundTripsThroughItsEnvelopeAndEveryEnvelopeHasItsOwnIv() {
        String sealed = cipher.seal(ID);
        assertThat(sealed).startsWith("v1:k1:").doesNotContain(ID).doesNotContain("19491231");
        assertThat(cipher.open(sealed)).isEqualTo(ID);
        String again = cipher.seal(ID);
        assertThat(again).isNotEqualTo(sealed);
        byte[] one = Base64.getDecoder().decode(sealed.substring(6));
        byte[] two = Base64.getDecoder().decode(again.substring(6));
        assertThat(one).hasSize(12 + ID.length() + 16);
        assertThat(java.util.Arrays.copyOf(one, 12)).isNotEqualTo(java.util.Arrays.copyOf(two, 12));
        assertThat(cipher.open(null)).isNull();
        assertThat(cipher.seal(null)).isNull();
        assertThat(cipher.open("中文姓名不是密文")).as("a value from before encryption opens as it is").isEqualTo("中文姓名不是密文");
        assertThat(cipher.open(cipher.seal("王小明 ✓"))).isEqualTo("王小明 ✓");
    }

    @Test
    void anAlteredCiphertextFailsItsGcmTag() {
        String sealed = cipher.seal(ID);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(6));
        for (int position : new int[] {0, 12, bytes.length - 1}) {   // IV, ciphertext, tag
            byte[] altered = bytes.clone();
            altered[position] ^= 1;
            String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(altered);
            assertThatThrownBy(() -> cipher.open(tampered)).isInstanceOf(CryptoFailure.class)
                    .hasMessageContaining("authentication tag");
        }
        assertThatThrownBy(() -> cipher.open("v1:k1:" + Base64.getEncoder().encodeToString(new byte[10])))
                .isInstanceOf(CryptoFailure.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> cipher.open("v1:k1:@@@")).isInstanceOf(CryptoFailure.class).hasMessageContaining("base64");
    }

    @Test
    void theReusedCipherOfAThreadGivesEverySealItsOwnIvAndRecoversFromAFailure() {
        java.util.Set<String> ivs = new java.util.HashSet<>();
        FieldCipher rotated = TestCiphers.rotated("k2");
        for (int i = 0; i < 2_000; i++) {
            String sealed = cipher.seal(ID + i);
            ivs.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(Base64.getDecoder().decode(sealed.substring(6)), 12)));
            assertThat(cipher.open(sealed)).isEqualTo(ID + i);
            // seal and open under other keys on the same thread in between
            assertThat(rotated.open(rotated.seal(ID))).isEqualTo(ID);
            assertThat(rotated.open(sealed)).as("an envelope under k1 opens with the key it names").isEqualTo(ID + i);
        }
        assertThat(ivs).as("no IV twice").hasSize(2_000);
        String sealed = cipher.seal(ID);
        byte[] altered = Base64.getDecoder().decode(sealed.substring(6));
        altered[20] ^= 1;
        assertThatThrownBy(() -> cipher.open("v1:k1:" + Base64.getEncoder().encodeToString(altered)))
                .isInstanceOf(CryptoFailure.class);
        assertThat(cipher.open(sealed)).as("the thread's cipher works after a failed tag").isEqualTo(ID);
        assertThat(cipher.open(cipher.seal(ID))).isEqualTo(ID);
    }

    @Test
    void threadsSealingAndOpeningAtOnceEachGetTheirOwnValuesBack() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 6; t++) {
                String prefix = "线程" + t + "-";
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 3_000; i++) {
                        String value = prefix + i;
                        if (cipher.open(cipher.seal(value)).equals(value)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (java.util.concurrent.Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(3_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theWrongKeyOrAnUnknownKeyIdOrARelabelledEnvelopeIsRefused() {
        String sealed = cipher.seal(ID);
        FieldCipher otherK1 = new FieldCipher(Map.of("k1", TestCiphers.key(50)), "k1", TestCiphers.key(100), true);
        assertThatThrownBy(() -> otherK1.open(sealed)).isInstanceOf(CryptoFailure.class)
                .hasMessageContaining("key 'k1'").hasMessageContaining("authentication tag");
        FieldCipher onlyK2 = new FieldCipher(Map.of("k2", TestCiphers.key(2)), "k2", TestCiphers.key(100), true);
        assertThatThrownBy(() -> onlyK2.open(sealed)).isInstanceOf(CryptoFailure.class)
                .hasMessageContaining("'k1', which is not configured");
        // the key id is authenticated: the same bytes labelled k2 do not open under k2, even knowing k2
        FieldCipher both = TestCiphers.rotated("k2");
        assertThatThrownBy(() -> both.open(sealed.replace("v1:k1:", "v1:k2:"))).isInstanceOf(CryptoFailure.class);
    }

    @Test
    void afterARotationNewValuesUseTheNewKeyAndOldOnesStillOpen() {
        FieldCipher before = TestCiphers.rotated("k1");
        FieldCipher after = TestCiphers.rotated("k2");
        String old = before.seal(ID);
        assertThat(FieldCipher.keyIdOf(old)).isEqualTo("k1");
        assertThat(after.open(old)).isEqualTo(ID);
        assertThat(after.isCurrent(old)).isFalse();
        String fresh = after.seal(ID);
        assertThat(FieldCipher.keyIdOf(fresh)).isEqualTo("k2");
        assertThat(after.isCurrent(fresh)).isTrue();
        assertThat(after.blindIndex("customer.id_number", ID)).as("the blind index key does not rotate")
                .isEqualTo(before.blindIndex("customer.id_number", ID));
    }

    @Test
    void theBlindIndexIsDeterministicNormalisedKeyedAndSeparatedByField() {
        String index = cipher.blindIndex("customer.id_number", ID);
        assertThat(index).hasSize(64).matches("[0-9a-f]+");
        assertThat(cipher.blindIndex("customer.id_number", " 11010519491231002x ")).isEqualTo(index);
        assertThat(cipher.blindIndex("customer.bank_account", ID)).isNotEqualTo(index);
        FieldCipher otherIndexKey = new FieldCipher(Map.of("k1", TestCiphers.key(1)), "k1", TestCiphers.key(101), true);
        assertThat(otherIndexKey.blindIndex("customer.id_number", ID)).isNotEqualTo(index);
    }

    @Test
    void switchedOffItWritesTheClearValueButStillOpensEnvelopes() {
        FieldCipher off = new FieldCipher(Map.of("k1", TestCiphers.key(1)), "k1", TestCiphers.key(100), false);
        assertThat(off.seal(ID)).isEqualTo(ID);
        assertThat(off.open(cipher.seal(ID))).isEqualTo(ID);
    }

    @Test
    void badConfigurationIsRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> new FieldCipher(Map.of(), "k1", TestCiphers.key(100), true))
                .hasMessageContaining("crm.crypto.keys");
        assertThatThrownBy(() -> new FieldCipher(Map.of("k1", TestCiphers.key(1)), "k9", TestCiphers.key(100), true))
                .hasMessageContaining("active key 'k9'");
        assertThatThrownBy(() -> new FieldCipher(Map.of("k1", new byte[7]), "k1", TestCiphers.key(100), true))
                .hasMessageContaining("7 bytes");
        assertThatThrownBy(() -> new FieldCipher(Map.of("k1", TestCiphers.key(1)), "k1", new byte[16], true))
                .hasMessageContaining("blind-index-key");
        assertThatThrownBy(() -> new FieldCipher(Map.of("k:1", TestCiphers.key(1)), "k:1", TestCiphers.key(100), true))
                .hasMessageContaining("key id");
        assertThatThrownBy(() -> CryptoConfiguration.cipherFor(new CryptoSettings(true, Map.of("k1", "not base64!"), "k1",
                null, null, null, false, null))).hasMessageContaining("crm.crypto.keys.k1");
    }

    @Test
    void keysComeFromPropertiesOrAPkcs12KeystoreOrAPersistentDevelopmentFile(@TempDir Path dir) throws Exception {
        String k1 = Base64.getEncoder().encodeToString(TestCiphers.key(1));
        String index = Base64.getEncoder().encodeToString(TestCiphers.key(100));
        FieldCipher fromProperties = CryptoConfiguration.cipherFor(new CryptoSettings(true, Map.of("k1", k1), "k1", index,
                null, null, false, null));
        assertThat(fromProperties.open(cipher.seal(ID))).isEqualTo(ID);

        Path p12 = dir.resolve("keys.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "changeit".toCharArray();
        store.setEntry("k1", new KeyStore.SecretKeyEntry(new SecretKeySpec(TestCiphers.key(1), "AES")),
                new KeyStore.PasswordProtection(password));
        store.setEntry("blind-index", new KeyStore.SecretKeyEntry(new SecretKeySpec(TestCiphers.key(100), "HmacSHA256")),
                new KeyStore.PasswordProtection(password));
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, password);
        }
        FieldCipher fromKeystore = CryptoConfiguration.cipherFor(new CryptoSettings(true, Map.of(), "k1", null,
                p12.toString(), "changeit", false, null));
        assertThat(fromKeystore.open(cipher.seal(ID))).isEqualTo(ID);
        assertThat(fromKeystore.blindIndex("f", ID)).isEqualTo(cipher.blindIndex("f", ID));

        assertThatThrownBy(() -> CryptoConfiguration.cipherFor(new CryptoSettings(true, Map.of(), null, null, null, null,
                false, null))).as("no keys and no development keys: start-up fails").hasMessageContaining("no data key");

        Path devFile = dir.resolve("data/crypto-dev-keys.properties");
        CryptoSettings dev = new CryptoSettings(true, Map.of(), null, null, null, null, true, devFile.toString());
        String sealed = CryptoConfiguration.cipherFor(dev).seal(ID);
        assertThat(devFile).exists();
        assertThat(CryptoConfiguration.cipherFor(dev).open(sealed)).as("the development key survives a restart").isEqualTo(ID);
        assertThat(FieldCipher.keyIdOf(sealed)).isEqualTo("dev");
    }
}
