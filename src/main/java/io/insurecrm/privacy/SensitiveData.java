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

    /** The longest reason a reveal takes (it goes into the audit trail). */
    public static final int REASON_MAX = 200;

    /**
     * The full premium payment account number of a customer in the scope, for the reason given (required: it is
     * written into the audit row, {@code REVEAL} of {@code bank_account}).
     *
     * @throws io.insurecrm.platform.web.FieldRuleViolation on the field {@code reason} when it is blank or too long
     * @throws NotFoundException when the customer is missing, outside the scope or has no bank account stored
     * @throws ConsentMissing when the customer has not granted SENSITIVE_DATA
     */
    public String revealBankAccount(long customerId, String reason, String channel, DataScope scope) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new io.insurecrm.platform.web.FieldRuleViolation("reason", "consent.revealReason.required");
        }
        if (why.length() > REASON_MAX) {
            throw new io.insurecrm.platform.web.FieldRuleViolation("reason", "consent.revealReason.tooLong", REASON_MAX);
        }
        java.util.Optional<String> stored = jdbc.sql("select c.bank_account from customer c where c.id = :id and " + DataScope.predicate("c"))
                .param("id", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
                .optional().orElseThrow(() -> NotFoundException.of("customer.notFound", customerId));
        if (stored.isEmpty()) {
            throw NotFoundException.of("consent.reveal.noBankAccount", customerId);
        }
        consents.require(customerId, ConsentPurpose.SENSITIVE_DATA, "reveal bank_account");
        audit.record(AuditAction.REVEAL, customerId, List.of("bank_account"), channel + ": " + why);
        return cipher.open(stored.get());
    }
}
