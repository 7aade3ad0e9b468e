package io.insurecrm.claim;

import io.insurecrm.platform.crypto.EncryptedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The claim's free texts, encrypted at rest (migration claim/V90): declared so the start-up run seals values stored in
 * the clear, key rotation re-encrypts them and /privacy/encryption counts them (privacy.crypto.FieldReencryption).
 * No blind index: nothing searches them. {@code claim_status_change} is walked by its identity {@code id} (V90), kept
 * beside the primary key (claim_id, seq).
 */
@Configuration(proxyBeanMethods = false)
class ClaimEncryptedColumns {

    /** The field name of the claim texts (no blind index is computed; it names them for the batch). */
    static final String FIELD = "claim_text";

    @Bean
    static EncryptedColumn claimDescription() {
        return new EncryptedColumn("claim", "description", null, FIELD);
    }

    @Bean
    static EncryptedColumn claimStatusChangeNote() {
        return new EncryptedColumn("claim_status_change", "note", null, FIELD);
    }
}
