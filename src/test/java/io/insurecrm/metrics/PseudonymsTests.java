package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PseudonymsTests {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void aPseudonymIsStablePerKeyAndNeitherTheIdNorTheSameUnderAnotherKey() {
        Pseudonyms one = new Pseudonyms(key(1));
        assertThat(one.of(42)).isEqualTo(new Pseudonyms(key(1)).of(42)).matches("P-[A-Z2-9]{16}")
                .isNotEqualTo("42").isNotEqualTo(new Pseudonyms(key(2)).of(42));
        assertThat(one.of(42)).isNotEqualTo(one.of(43));
        Set<String> seen = new HashSet<>();
        LongStream.rangeClosed(1, 100_000).forEach(id -> seen.add(one.of(id)));
        assertThat(seen).as("no two of 100,000 customers share a pseudonym").hasSize(100_000);
    }

    @Test
    void theOrderSaltAndFingerprintRevealNotTheKey() {
        Pseudonyms one = new Pseudonyms(key(1));
        assertThat(one.orderSalt()).hasSize(64).isNotEqualTo(new Pseudonyms(key(2)).orderSalt())
                .doesNotContain("01010101");
        assertThat(one.fingerprint()).hasSize(16);
    }

    @Test
    void aShortKeyOrNoneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new Pseudonyms(new byte[16])).hasMessageContaining("crm.analytics.pseudonym-key");
        assertThatThrownBy(() -> new Pseudonyms(new AnalyticsSettings(null, ""), false, ""))
                .hasMessageContaining("crm.analytics.pseudonym-key");
        String shared = java.util.Base64.getEncoder().encodeToString(key(3));
        assertThatThrownBy(() -> new Pseudonyms(new AnalyticsSettings(shared, ""), false, shared))
                .hasMessageContaining("must differ from crm.crypto.blind-index-key");
        assertThat(new Pseudonyms(new AnalyticsSettings(shared, ""), false, "").of(1))
                .isEqualTo(new Pseudonyms(key(3)).of(1));
        assertThat(new Pseudonyms(new AnalyticsSettings(null, ""), true, "").of(1)).startsWith("P-");
    }
}
