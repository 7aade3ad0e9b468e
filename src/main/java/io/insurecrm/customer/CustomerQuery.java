package io.insurecrm.customer;

import java.util.Map;

/**
 * A customer search: free text (a name prefix, a phone, an ID number, a credit code or a policy number),
 * optional region and kind, an optional current segment ({@code DIMENSION:SEGMENT}, e.g. {@code VALUE:HIGH}) and tag
 * ({@code TAG_DIMENSION:TAG}, e.g. {@code NEED:MEDICAL_GAP}) of the segmentation module ({@code CLUSTER:3} = need cluster 3 of
 * the current cluster run), sorting by a whitelisted column
 * and paging.
 */
public record CustomerQuery(String text, String regionCode, CustomerKind kind, String sort, boolean descending, int page, int size,
                            String segment, String tag) {

    private static final java.util.regex.Pattern FILTER = java.util.regex.Pattern.compile("[A-Z_]{1,20}:[A-Z0-9][A-Z0-9_]{0,39}");

    public CustomerQuery(String text, String regionCode, CustomerKind kind, String sort, boolean descending, int page, int size) {
        this(text, regionCode, kind, sort, descending, page, size, null, null);
    }

    static final Map<String, String> SORTABLE = Map.of(
            "name", "c.name", "created", "c.created_at", "birthDate", "c.birth_date", "id", "c.id", "region", "c.region_code");

    public CustomerQuery {
        text = CustomerForm.trimmed(text);
        regionCode = CustomerForm.trimmed(regionCode);
        sort = sort == null || !SORTABLE.containsKey(sort) ? "id" : sort;
        page = Math.max(0, page);
        size = io.insurecrm.platform.web.Paged.boundedSize(size);
        segment = filter("segment", segment);
        tag = filter("tag", tag);
    }

    /** The dimension (part 0) or name (part 1) of a DIMENSION:NAME filter; null without the filter. */
    static String part(String filter, int part) {
        return filter == null ? null : filter.split(":")[part];
    }

    private static String filter(String field, String value) {
        String v = CustomerForm.trimmed(value);
        if (v == null) {
            return null;
        }
        v = v.toUpperCase(java.util.Locale.ROOT);
        if (!FILTER.matcher(v).matches()) {
            throw new io.insurecrm.platform.web.FieldRuleViolation(field, "customer.search.badFilter", value);
        }
        return v;
    }

    public static CustomerQuery text(String text) {
        return new CustomerQuery(text, null, null, "id", false, 0, 20);
    }

    String orderBy() {
        return SORTABLE.get(sort) + (descending ? " desc" : " asc") + ", c.id";
    }
}
