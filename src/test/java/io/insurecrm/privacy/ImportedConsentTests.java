package io.insurecrm.privacy;

import io.insurecrm.privacy.ConsentRegistry.ImportedConsent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A consent read from an import file, and the rule that decides whether it is recorded (plain unit tests). */
class ImportedConsentTests {

    @Test
    void aNoticeVersionOfOneToFortyCharactersIsNeededAndStripped() {
        Instant at = Instant.parse("2026-03-01T02:00:00.123456789Z");
        ImportedConsent consent = new ImportedConsent(7, ConsentPurpose.MARKETING, true, at, "  v3 ");
        assertThat(consent.noticeVersion()).isEqualTo("v3");
        assertThat(consent.recordedAt()).as("what PostgreSQL keeps").isEqualTo(Instant.parse("2026-03-01T02:00:00.123456Z"));
        assertThatThrownBy(() -> new ImportedConsent(7, ConsentPurpose.MARKETING, true, at, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImportedConsent(7, ConsentPurpose.MARKETING, true, at, "v".repeat(41)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImportedConsent(7, null, true, at, "v3")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ImportedConsent(7, ConsentPurpose.MARKETING, true, null, "v3"))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theChangeConditionIsForThePurposeNamedAndNothingToRecordForABlankCell() {
        String condition = ConsentRegistry.importChangesCondition("s.customer_id", ConsentPurpose.ANALYTICS,
                "s.consent_analytics", "s.consent_recorded_at");
        assertThat(condition).startsWith("(s.consent_analytics is not null and ")
                .contains("k.customer_id = s.customer_id", "k.purpose = 'ANALYTICS'",
                        "latest.granted = s.consent_analytics", "latest.recorded_at > s.consent_recorded_at");
    }

}
