package io.insurecrm.privacy;

import org.springframework.security.access.AccessDeniedException;

/**
 * An action refused because the customer has not granted (or has withdrawn) the consent it needs. Already audited
 * as {@link AuditAction#CONSENT_REFUSED} when thrown by {@link ConsentRegistry#require}; pages show the reason with
 * a 403, the API a 403 problem naming the purpose.
 */
public class ConsentMissing extends AccessDeniedException {

    private final long customerId;
    private final ConsentPurpose purpose;
    private final String action;

    private ConsentMissing(long customerId, ConsentPurpose purpose, String action) {
        super("Customer " + customerId + " has not consented to " + purpose + " (needed for " + action + ")");
        this.customerId = customerId;
        this.purpose = purpose;
        this.action = action;
    }

    static ConsentMissing of(long customerId, ConsentPurpose purpose, String action) {
        return new ConsentMissing(customerId, purpose, action);
    }

    public long customerId() {
        return customerId;
    }

    public ConsentPurpose purpose() {
        return purpose;
    }

    /** What was refused, e.g. {@code reveal id_number}. */
    public String action() {
        return action;
    }
}
