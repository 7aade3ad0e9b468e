package io.insurecrm.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the de-identified analyst views ({@code crm.analytics.*}, docs/privacy.md section 7).
 *
 * @param pseudonymKey the HMAC key of the customer pseudonyms, at least 32 bytes in base64; separate from the blind
 *                     index key (crm.crypto.blind-index-key). Without it, development keys (crm.crypto.dev-keys=true)
 *                     generate one into devKeyFile, otherwise the start fails naming this setting
 * @param devKeyFile where a generated development pseudonym key is kept; blank keeps it in memory for the run
 * @param k the smallest number of customers a published quasi-identifier class (age band, gender, region) or a
 *          breakdown cell shown to analysts may count; smaller ones are generalised or suppressed
 */
@ConfigurationProperties("crm.analytics")
public record AnalyticsSettings(String pseudonymKey,
                                @DefaultValue("./data/pseudonym-dev-key.properties") String devKeyFile,
                                @DefaultValue("5") int k) {

    public AnalyticsSettings {
        if (k < 2 || k > 1000) {
            throw new IllegalArgumentException("crm.analytics.k must be 2…1000, was " + k);
        }
    }
}
