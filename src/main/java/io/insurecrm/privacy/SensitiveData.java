package io.insurecrm.privacy;

import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import java.util.List;
import java.util.Optional;
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

    /** The longest reason a reveal takes (it goes into the audit trail). */
    public static final int REASON_MAX = 200;

    /**
     * The full resident ID number of an individual customer in the scope, for the reason given (required: it is
     * written into the audit row, {@code REVEAL} of {@code id_number}, after the channel it came through).
     *
     * @throws FieldRuleViolation on the field {@code reason} when it is blank or too long
     * @throws NotFoundException when the customer is missing, outside the scope or has no ID number (a company)
     * @throws ConsentMissing when the customer has not granted SENSITIVE_DATA
     */
    public String revealIdNumber(long customerId, String reason, String channel, DataScope scope) {
        String why = reasonGiven(reason);
        String stored = storedColumn("id_number", customerId, scope)
                .orElseThrow(() -> NotFoundException.of("customer.notFound", customerId));
        return revealed(customerId, "id_number", stored, channel + ": " + why);
    }

    /**
     * The full premium payment account number of a customer in the scope, for the reason given (required: it is
     * written into the audit row, {@code REVEAL} of {@code bank_account}).
     *
     * @throws FieldRuleViolation on the field {@code reason} when it is blank or too long
     * @throws NotFoundException when the customer is missing, outside the scope or has no bank account stored
     * @throws ConsentMissing when the customer has not granted SENSITIVE_DATA
     */
    public String revealBankAccount(long customerId, String reason, String channel, DataScope scope) {
        String why = reasonGiven(reason);
        String stored = storedColumn("bank_account", customerId, scope)
                .orElseThrow(() -> NotFoundException.of("consent.reveal.noBankAccount", customerId));
        return revealed(customerId, "bank_account", stored, channel + ": " + why);
    }

    /** The reason typed for a reveal, stripped; refused on the field {@code reason} when blank or too long. */
    private static String reasonGiven(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new FieldRuleViolation("reason", "consent.revealReason.required");
        }
        if (why.length() > REASON_MAX) {
            throw new FieldRuleViolation("reason", "consent.revealReason.tooLong", REASON_MAX);
        }
        return why;
    }

    /**
     * The stored (sealed) value of one of the customer's sensitive columns, empty when none is stored; a customer who
     * is missing or outside the scope is not found.
     */
    private Optional<String> storedColumn(String column, long customerId, DataScope scope) {
        return jdbc.sql("select c." + column + " from customer c where c.id = :id and " + DataScope.predicate("c"))
                .param("id", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional().orElseThrow(() -> NotFoundException.of("customer.notFound", customerId));
    }

    /** Checks the SENSITIVE_DATA consent (a refusal is audited by the registry), records the reveal, then opens the value. */
    private String revealed(long customerId, String field, String stored, String reason) {
        consents.require(customerId, ConsentPurpose.SENSITIVE_DATA, "reveal " + field);
        audit.record(AuditAction.REVEAL, customerId, List.of(field), reason);
        // stored encrypted (a row from before encryption is still clear and opens as it is)
        return cipher.open(stored);
    }
}
