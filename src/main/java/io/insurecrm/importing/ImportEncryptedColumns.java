package io.insurecrm.importing;

import io.insurecrm.platform.crypto.EncryptedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The file's cells an import keeps in its error rows, encrypted at rest (migration importing/V94, {@link RowErrors}):
 * declared so the start-up run seals rows written in the clear before V94, key rotation re-encrypts them and
 * /privacy/encryption counts them (privacy.crypto.FieldReencryption). No blind index: nothing searches them.
 */
@Configuration(proxyBeanMethods = false)
class ImportEncryptedColumns {

    /** The field name of the file's cells (no blind index is computed; it names the columns for the batch). */
    static final String FIELD = "import_file_cells";

    @Bean
    static EncryptedColumn importRowErrorSource() {
        return new EncryptedColumn("import_row_error", "source", null, FIELD);
    }

    @Bean
    static EncryptedColumn importRowErrorValue() {
        return new EncryptedColumn("import_row_error", "value", null, FIELD);
    }
}
