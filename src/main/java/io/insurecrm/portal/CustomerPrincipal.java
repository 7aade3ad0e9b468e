package io.insurecrm.portal;

import java.io.Serializable;

/**
 * A customer signed in to the portal. Lives only in the portal's own session attribute, never in the staff one, and
 * carries no staff role, so staff pages do not open for it and portal pages do not open for staff.
 */
public record CustomerPrincipal(long customerId, String name, String maskedPhone) implements Serializable {

    @Override
    public String toString() {
        return "CustomerPrincipal[" + customerId + "]";
    }
}
