package io.insurecrm.privacy;

import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sensitive personal information shown in the clear, one field at a time: only with the customer's separate
 * SENSITIVE_DATA consent, and every reveal (and every refusal) in the audit trail.
 */
@Service
public class SensitiveData {

    private final JdbcClient jdbc;
    private final ConsentRegistry consents;
    private final AccessAudit audit;
    private final FieldCipher cipher;

    SensitiveData(JdbcClient jdbc, ConsentRegistry consents, AccessAudit audit, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.consents = consents;
        this.audit = audit;
    }

    /**
     * The full resident ID number of an individual customer in the scope.
     *
     * @throws NotFoundException when the customer is missing, outside the scope or has no ID number (a company)
     * @throws ConsentMissing when the customer has not granted SENSITIVE_DATA
     */
    public String revealIdNumber(long customerId, String reason, DataScope scope) {
        String idNumber = jdbc.sql("select c.id_number from customer c where c.id = :id and " + DataScope.predicate("c"))
                .param("id", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(String.class).optional()
                .orElseThrow(() -> NotFoundException.of("customer.notFound", customerId));
        if (idNumber == null) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
        consents.require(customerId, ConsentPurpose.SENSITIVE_DATA, "reveal id_number");
        audit.record(AuditAction.REVEAL, customerId, List.of("id_number"), reason);
        // stored encrypted (a row from before encryption is still clear and opens as it is)
        return cipher.open(idNumber);
    }
}
