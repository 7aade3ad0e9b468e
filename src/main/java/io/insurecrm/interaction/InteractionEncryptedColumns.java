package io.insurecrm.interaction;

import io.insurecrm.platform.crypto.EncryptedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The interaction's outcome, encrypted at rest (migration interaction/V93): declared so the start-up run seals values
 * stored in the clear, key rotation re-encrypts them and /privacy/encryption counts them (privacy.crypto.FieldReencryption).
 * No blind index: nothing searches it.
 */
@Configuration(proxyBeanMethods = false)
class InteractionEncryptedColumns {

    /** The field name of the outcome (no blind index is computed; it names the column for the batch). */
    static final String FIELD = "interaction_outcome";

    @Bean
    static EncryptedColumn interactionOutcome() {
        return new EncryptedColumn("interaction", "outcome", null, FIELD);
    }
}
