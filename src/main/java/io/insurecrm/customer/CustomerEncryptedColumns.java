package io.insurecrm.customer;

import io.insurecrm.platform.crypto.EncryptedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The customer table's encrypted columns, for the re-encryption batch. */
@Configuration(proxyBeanMethods = false)
class CustomerEncryptedColumns {

    @Bean
    EncryptedColumn customerIdNumber() {
        // a legacy 15-digit number left in the clear from before encryption is indexed in its 18-character form, as searched
        return new EncryptedColumn("customer", "id_number", "id_number_bidx", IdNumberProtection.FIELD,
                IdNumberProtection::widened);
    }

    @Bean
    EncryptedColumn customerBankAccount() {
        return new EncryptedColumn("customer", "bank_account", "bank_account_bidx", BankAccountProtection.FIELD,
                BankAccountProtection::indexForm);
    }
}
