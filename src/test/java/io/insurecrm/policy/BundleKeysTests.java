package io.insurecrm.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The zh-CN and English bundles of the policy and claim modules have the same keys, and every enum has its label. */
class BundleKeysTests {

    @ParameterizedTest
    @ValueSource(strings = {"policy", "claim"})
    void zhAndEnHaveTheSameKeys(String bundle) throws IOException {
        Set<String> zh = keys("i18n/" + bundle + ".properties");
        Set<String> en = keys("i18n/" + bundle + "_en.properties");
        assertThat(zh).isNotEmpty().isEqualTo(en);
    }

    @org.junit.jupiter.api.Test
    void everyStatusFrequencyAndChannelHasALabel() throws IOException {
        Set<String> policy = keys("i18n/policy.properties");
        for (PolicyStatus status : PolicyStatus.values()) {
            assertThat(policy).contains("policy.status." + status);
        }
        for (PaymentFrequency frequency : PaymentFrequency.values()) {
            assertThat(policy).contains("policy.frequency." + frequency);
        }
        for (SalesChannel channel : SalesChannel.values()) {
            assertThat(policy).contains("policy.channel." + channel);
        }
        for (io.insurecrm.product.ProductLine line : io.insurecrm.product.ProductLine.values()) {
            assertThat(policy).contains("policy.productLine." + line);
        }
        Set<String> claim = keys("i18n/claim.properties");
        for (io.insurecrm.claim.ClaimStatus status : io.insurecrm.claim.ClaimStatus.values()) {
            assertThat(claim).contains("claim.status." + status);
        }
    }

    private static Set<String> keys(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BundleKeysTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }
}
