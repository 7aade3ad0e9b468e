package io.insurecrm.customer;

import java.util.Map;

/**
 * A customer search: free text (a name prefix, a phone, an ID number, a credit code or a policy number),
 * optional region and kind, sorting by a whitelisted column and paging.
 */
public record CustomerQuery(String text, String regionCode, CustomerKind kind, String sort, boolean descending, int page, int size) {

    static final Map<String, String> SORTABLE = Map.of(
            "name", "c.name", "created", "c.created_at", "birthDate", "c.birth_date", "id", "c.id", "region", "c.region_code");

    public CustomerQuery {
        text = CustomerForm.trimmed(text);
        regionCode = CustomerForm.trimmed(regionCode);
        sort = sort == null || !SORTABLE.containsKey(sort) ? "id" : sort;
        page = Math.max(0, page);
        size = io.insurecrm.platform.web.Paged.boundedSize(size);
    }

    public static CustomerQuery text(String text) {
        return new CustomerQuery(text, null, null, "id", false, 0, 20);
    }

    String orderBy() {
        return SORTABLE.get(sort) + (descending ? " desc" : " asc") + ", c.id";
    }
}
