package io.insurecrm.metrics;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.Paged;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The de-identified analyst list (docs/privacy.md section 7): one row per customer whose latest ANALYTICS consent was a
 * grant at the last rebuild, under a keyed pseudonym, with generalised quasi-identifiers made k-anonymous and analytic
 * attributes in bands. Read from the stored model ({@link AnalystModel}), within the caller's data scope: a page is an
 * index scan of the release of his scope (the whole book, or his branch for a branch-scoped caller).
 * <p>
 * k-anonymity over (kind, age band, gender, region), computed at the rebuild over the whole consenting list of the
 * release before any filter, so every filtered view is a subset of one k-anonymous release: a customer whose
 * combination at least k consenting customers share is shown with his region; the others are shown with the region
 * generalised (*) when at least k of them share kind, age band and gender; the rest are suppressed (left out and
 * counted). A withdrawal or an erasure since the rebuild has already taken the customer out.
 */
@Service
@Transactional(readOnly = true)
public class PseudonymousCustomers {

    /** The columns an analyst sees, for the audit. */
    public static final List<String> FIELDS = List.of("pseudonym", "kind", "age_band", "gender", "region", "branch",
            "channel", "segments", "tags", "active_policies", "premium_band", "claims_band", "tenure_band", "contribution");

    /** One page (or, without limit, every row) of a release, filtered and ordered in the partition (%1$s). */
    private static final String ROWS = """
            select a.customer_id as id, a.kind, a.gender, a.age_from, a.region_code, a.active_policies, a.channel,
                   a.premium_band, a.claims_band, a.tenure_band, a.segments, a.tags,
                   case when :english then r.name_en else r.name_zh end as region_name, br.name as branch_name
              from (select * from %1$s a where %2$s order by %3$s %4$s) a
              left join region r on r.code = a.region_code
              left join branch br on br.id = a.branch_id
             order by %3$s
            """;

    private final JdbcClient jdbc;
    private final Pseudonyms pseudonyms;
    private final SmallCellRule smallCells;
    private final AnalystModel model;
    private final AccessAudit audit;

    PseudonymousCustomers(JdbcClient jdbc, Pseudonyms pseudonyms, SmallCellRule smallCells, AnalystModel model,
                          AccessAudit audit) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
        this.smallCells = smallCells;
        this.model = model;
        this.audit = audit;
    }

    /** The k of the k-anonymity (crm.analytics.k). */
    public int k() {
        return smallCells.k();
    }

    /**
     * One page of the list, recorded in the audit as a listing (one LIST_CUSTOMERS row naming the customers shown and
     * one audit_listing row each: pseudonymised data is still personal data, docs/privacy.md section 7).
     */
    public AnalystCustomerList page(AnalystCustomerQuery query, DataScope scope, Locale locale) {
        Optional<AnalystModel.Current> current = model.current();
        int k = current.map(AnalystModel.Current::k).orElse(smallCells.k());
        List<Long> ids = new ArrayList<>();
        List<PseudonymousCustomer> rows = new ArrayList<>();
        Summary summary = Summary.NONE;
        long total = 0;
        if (current.isPresent()) {
            int slot = current.get().slot();
            Release release = release(slot, scope);
            summary = release.summary();
            BigDecimal average = release.average();
            rows(slot, query, scope, locale, (long) query.size(), (long) query.page() * query.size()).query(rs -> {
                ids.add(rs.getLong("id"));
                rows.add(row(rs, average));
            });
            total = filtered(query) ? count(slot, query, scope) : summary.published();
        }
        audit.recordListing(ids, FIELDS, "pseudonymised analyst list (" + query.describe() + ", page " + query.page()
                + ", k=" + k + ")");
        return new AnalystCustomerList(new Paged<>(List.copyOf(rows), query.page(), query.size(), total),
                summary.inScope(), summary.withoutConsent(), summary.published(), summary.generalised(),
                summary.suppressed(), k, current.map(AnalystModel.Current::builtAt).orElse(null));
    }

    /**
     * Every row of the list (no paging), for the CSV export: recorded first as one EXPORT naming the filters (no row per
     * customer: see docs/privacy.md section 7), then streamed.
     */
    public void each(AnalystCustomerQuery query, DataScope scope, Locale locale, Consumer<PseudonymousCustomer> consumer) {
        Optional<AnalystModel.Current> current = model.current();
        int k = current.map(AnalystModel.Current::k).orElse(smallCells.k());
        audit.record(AuditAction.EXPORT, null, FIELDS, "analytics-customers.csv, pseudonymised, k=" + k
                + (query.describe().isEmpty() ? "" : ", " + query.describe()));
        if (current.isEmpty()) {
            return;
        }
        int slot = current.get().slot();
        BigDecimal average = release(slot, scope).average();
        rows(slot, query, scope, locale, null, 0).query(rs -> {
            consumer.accept(row(rs, average));
        });
    }

    /** What was left out of the whole list in the scope (as of the last rebuild): no consent, suppressed; generalised. */
    public Summary summary(DataScope scope) {
        return model.current().map(current -> release(current.slot(), scope).summary()).orElse(Summary.NONE);
    }

    /** A value to choose in a filter of the list (a region code or branch id) with its label. */
    public record Choice(String value, String label) {
    }

    /** The regions (provinces) to filter by, labelled in the reader's language. */
    public List<Choice> regions(Locale locale) {
        return jdbc.sql("select code, case when :en then name_en else name_zh end as label from region order by code")
                .param("en", "en".equals(locale.getLanguage()))
                .query((rs, n) -> new Choice(rs.getString("code").strip(), rs.getString("label"))).list();
    }

    /** The branches to filter by. */
    public List<Choice> branches() {
        return jdbc.sql("select id::text as id, name from branch order by name")
                .query((rs, n) -> new Choice(rs.getString("id"), rs.getString("name"))).list();
    }

    /** The counts of the whole list (see {@link AnalystCustomerList}). */
    public record Summary(long inScope, long withoutConsent, long published, long generalised, long suppressed) {

        static final Summary NONE = new Summary(0, 0, 0, 0, 0);
    }

    /** A release's counts and the 客均合同 of its scope as of the rebuild (the contribution is measured against it). */
    private record Release(Summary summary, BigDecimal average) {
    }

    private Release release(int slot, DataScope scope) {
        return jdbc.sql("select * from analyst_customer_summary where slot = :slot and scope_branch = :scopeBranch")
                .param("slot", slot).param("scopeBranch", scopeBranch(scope))
                .query((rs, n) -> new Release(new Summary(rs.getLong("in_scope"), rs.getLong("without_consent"),
                        rs.getLong("published"), rs.getLong("generalised"), rs.getLong("suppressed")),
                        new Ratio(rs.getLong("active_contracts"), rs.getLong("active_holders")).ratio()))
                .optional().orElse(new Release(Summary.NONE, null));
    }

    /**
     * The release a scope reads: the whole book's, or the branch's (classed within the branch, as the list has always
     * been for a branch-scoped caller: the branch would otherwise give a generalised region away). Only analysts,
     * compliance and admins read the list, whose scope is all or (an integration token's) a branch.
     */
    static long scopeBranch(DataScope scope) {
        return switch (scope.kind()) {
            case ALL -> AnalystModelSql.WHOLE_BOOK;
            case BRANCH -> scope.branchId();
            case OWN_BOOK -> throw new IllegalArgumentException("the analysts' list has no release for an agent's own book");
        };
    }

    private static boolean filtered(AnalystCustomerQuery query) {
        return query.region() != null || query.branch() != null || query.channel() != null || query.ageFrom() != null
                || query.tag() != null || query.segment() != null;
    }

    /** The conditions of the query, each only when asked for (so the planner sees plain index conditions). */
    private static String where(AnalystCustomerQuery query) {
        StringBuilder where = new StringBuilder("a.scope_branch = :scopeBranch");
        if (query.region() != null) {
            where.append(" and a.region_code = :region");
        }
        if (query.branch() != null) {
            where.append(" and a.branch_id = :branch");
        }
        if (query.channel() != null) {
            where.append(" and a.channel = :channel");
        }
        if (query.ageFrom() != null) {
            where.append(" and a.age_from = :ageFrom");
        }
        if (query.tag() != null) {
            where.append(" and a.tags @> array[cast(:tag as text)]");
        }
        if (query.segment() != null) {
            where.append(" and a.segments @> array[cast(:segment as text)]");
        }
        return where.toString();
    }

    private static Map<String, Object> parameters(AnalystCustomerQuery query, DataScope scope) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("scopeBranch", scopeBranch(scope));
        if (query.region() != null) {
            parameters.put("region", query.region());
        }
        if (query.branch() != null) {
            parameters.put("branch", query.branch());
        }
        if (query.channel() != null) {
            parameters.put("channel", query.channel());
        }
        if (query.ageFrom() != null) {
            parameters.put("ageFrom", query.ageFrom());
        }
        if (query.tag() != null) {
            parameters.put("tag", query.tag());
        }
        if (query.segment() != null) {
            parameters.put("segment", query.segment());
        }
        return parameters;
    }

    private long count(int slot, AnalystCustomerQuery query, DataScope scope) {
        return jdbc.sql("select count(*) from " + AnalystModelSql.table(slot) + " a where " + where(query))
                .params(parameters(query, scope)).query(Long.class).single();
    }

    private JdbcClient.StatementSpec rows(int slot, AnalystCustomerQuery query, DataScope scope, Locale locale, Long limit,
                                          long offset) {
        String order = order(query);
        String paging = limit == null ? "" : "limit :limit offset :offset";
        JdbcClient.StatementSpec spec = jdbc.sql(ROWS.formatted(AnalystModelSql.table(slot), where(query), order, paging))
                .params(parameters(query, scope)).param("english", "en".equals(locale.getLanguage()));
        return limit == null ? spec : spec.param("limit", limit).param("offset", offset);
    }

    /** Bands and codes only, then the keyed order: never the id, never an exact amount. */
    static String order(AnalystCustomerQuery query) {
        String direction = query.descending() ? " desc nulls last" : " asc nulls last";
        String column = switch (query.sort()) {
            case KEYED -> null;
            case AGE -> "a.age_from";
            case REGION -> "a.region_code";
            case POLICIES -> "a.active_policies";
            case PREMIUM -> "a.premium_band";
            case CLAIMS -> "a.claims_band";
            case TENURE -> "a.tenure_band";
        };
        return column == null ? "a.keyed" + (query.descending() ? " desc" : "") : column + direction + ", a.keyed";
    }

    private PseudonymousCustomer row(ResultSet rs, BigDecimal average) throws SQLException {
        int active = rs.getInt("active_policies");
        int ageFrom = rs.getInt("age_from");
        boolean hasAge = !rs.wasNull();
        Map<String, String> segments = new TreeMap<>();
        java.sql.Array segmentArray = rs.getArray("segments");
        if (segmentArray != null) {
            for (String placement : (String[]) segmentArray.getArray()) {
                int colon = placement.indexOf(':');
                segments.put(placement.substring(0, colon), placement.substring(colon + 1));
            }
        }
        java.sql.Array tagArray = rs.getArray("tags");
        List<String> tags = tagArray == null ? List.of() : Arrays.asList((String[]) tagArray.getArray());
        BigDecimal contribution = active == 0 || average == null ? null
                : BigDecimal.valueOf(active).subtract(average).setScale(2, RoundingMode.HALF_UP);
        return new PseudonymousCustomer(pseudonyms.of(rs.getLong("id")), rs.getString("kind"),
                hasAge ? AnalystCustomerQuery.ageBand(ageFrom) : null, rs.getString("gender"), rs.getString("region_code"),
                rs.getString("region_name"), rs.getString("branch_name"), rs.getString("channel"), segments, List.copyOf(tags),
                active, PseudonymousCustomer.PREMIUM_BANDS.get(rs.getInt("premium_band")),
                PseudonymousCustomer.CLAIMS_BANDS.get(rs.getInt("claims_band")),
                PseudonymousCustomer.TENURE_BANDS.get(rs.getInt("tenure_band")), contribution);
    }
}
