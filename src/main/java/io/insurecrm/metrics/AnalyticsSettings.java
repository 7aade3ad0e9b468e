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
 * <p>k ({@code crm.analytics.k}), the smallest number of customers a published quasi-identifier class or a breakdown
 * cell shown to analysts may count, is read and checked in one place: {@code platform.disclosure.SmallCellRule}.
 */
@ConfigurationProperties("crm.analytics")
public record AnalyticsSettings(String pseudonymKey,
                                @DefaultValue("./data/pseudonym-dev-key.properties") String devKeyFile) {
}
