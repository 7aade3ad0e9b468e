package io.insurecrm.privacy;

import io.insurecrm.platform.web.Paged;
import java.util.Map;

/**
 * A search of data-subject requests: by status, type, customer, only the overdue ones, only the open ones falling due
 * soon (within the reminder's working days, not yet overdue); sorted; one page.
 */
public record DsrQuery(DsrStatus status, DsrType type, Long customerId, boolean overdueOnly, String sort, boolean descending,
                       int page, int size, boolean dueSoonOnly) {

    /** Sortable columns by the name the pages and the API use. */
    static final Map<String, String> SORTS = Map.of("id", "id", "dueOn", "due_on", "receivedOn", "received_on",
            "status", "status", "type", "type", "customerId", "customer_id", "assignee", "assignee");

    public DsrQuery {
        sort = sort == null || !SORTS.containsKey(sort) ? "dueOn" : sort;
        page = Math.max(0, page);
        size = Paged.boundedSize(size);
    }

    public DsrQuery(DsrStatus status, DsrType type, Long customerId, boolean overdueOnly, String sort, boolean descending,
                    int page, int size) {
        this(status, type, customerId, overdueOnly, sort, descending, page, size, false);
    }

    String orderBy() {
        return SORTS.get(sort) + (descending ? " desc" : " asc") + " nulls last, id" + (descending ? " desc" : " asc");
    }
}
