package io.insurecrm.privacy;

import java.time.LocalDate;

/**
 * A search of the audit trail; every criterion is optional. Dates are inclusive calendar days in the clock's zone.
 */
public record AuditQuery(String actor, Long customerId, AuditAction action, LocalDate from, LocalDate to, int page,
                         int size) {

    public AuditQuery {
        actor = actor == null || actor.isBlank() ? null : actor.strip();
        page = Math.max(page, 0);
        size = Math.max(1, Math.min(size, 200));
    }

    /** How the search reads in the audit trail when it is exported. */
    public String describe() {
        return "actor=" + (actor == null ? "" : actor) + " customer=" + (customerId == null ? "" : customerId)
                + " action=" + (action == null ? "" : action) + " from=" + (from == null ? "" : from)
                + " to=" + (to == null ? "" : to);
    }
}
