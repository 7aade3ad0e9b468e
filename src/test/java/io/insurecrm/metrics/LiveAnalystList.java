package io.insurecrm.metrics;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The test oracle of the stored analyst list: the list as it was computed before the read model, in one set-based
 * statement per request over the live tables (kept verbatim from PseudonymousCustomers as of commit 80ce58b; also
 * timed beside the model by bench/analyst-list.sh). The model's rows must equal what this returns on the same book.
 */
final class LiveAnalystList {

    private static final String PUBLISHED = """
            with population as (
                select c.id, c.kind, c.gender, c.region_code, c.branch_id, c.created_at,
                       case when c.kind = 'INDIVIDUAL' and c.birth_date is not null
                            then least(extract(year from age(cast(:today as date), c.birth_date))::int / 10 * 10, 90) end as age_from,
                       %1$s as consented
                  from customer c
                 where c.merged_into_id is null and %2$s
            ), classes as (
                select p.*, count(*) over (partition by p.kind, p.age_from, p.gender, p.region_code) >= :k as exact
                  from population p
                 where p.consented
            ), widened as (
                select cl.*, count(*) over (partition by cl.kind, cl.age_from, cl.gender, cl.exact) as wide_size
                  from classes cl
            ), published as (
                select w.id, w.kind, w.gender, w.age_from, w.created_at,
                       case when w.exact then w.region_code end as region_code,
                       case when w.exact then w.branch_id end as branch_id
                  from widened w
                 where w.exact or w.wide_size >= :k
            )
            """.formatted(ConsentRegistry.grantedCondition("c", ConsentPurpose.ANALYTICS), DataScope.predicate("c"));

    private static final String SUMMARY = PUBLISHED + """
            select (select count(*) from population) as in_scope,
                   (select count(*) from population where not consented) as without_consent,
                   (select count(*) from published) as published,
                   (select count(*) from published where region_code is null) as generalised,
                   (select count(*) from classes) - (select count(*) from published) as suppressed
            """;

    private static final String ROWS = PUBLISHED + """
            , holdings as (
                select p.holder_id,
                       count(*) filter (where p.status = 'ACTIVE') as active,
                       coalesce(sum(p.annual_premium) filter (where p.status = 'ACTIVE'), 0) as premium,
                       min(p.start_date) as first_start,
                       (array_agg(p.channel order by p.start_date, p.id))[1] as channel
                  from policy p
                  join published pu on pu.id = p.holder_id
                 group by p.holder_id
            ), claims as (
                select cl.customer_id, count(*) as n
                  from claim cl
                  join published pu on pu.id = cl.customer_id
                 group by cl.customer_id
            ), banded as (
                select pu.*, coalesce(h.active, 0)::int as active_policies, h.channel,
                       case when coalesce(h.premium, 0) = 0 then 0 when h.premium < 2000 then 1 when h.premium < 5000 then 2
                            when h.premium < 20000 then 3 when h.premium < 100000 then 4 else 5 end as premium_band,
                       case when coalesce(cc.n, 0) = 0 then 0 when cc.n = 1 then 1 when cc.n <= 3 then 2 else 3 end as claims_band,
                       (select case when y < 1 then 0 when y < 3 then 1 when y < 5 then 2 when y < 10 then 3 else 4 end
                          from (select extract(year from age(cast(:today as date),
                                       coalesce(h.first_start, cast(pu.created_at as date))))::int as y) t) as tenure_band,
                       md5(:salt || pu.id::text) as keyed
                  from published pu
                  left join holdings h on h.holder_id = pu.id
                  left join claims cc on cc.customer_id = pu.id
            ), filtered as (
                select b.*, count(*) over () as total
                  from banded b
                 where (cast(:region as text) is null or b.region_code = :region)
                   and (cast(:branch as bigint) is null or b.branch_id = :branch)
                   and (cast(:channel as text) is null or b.channel = :channel)
                   and (cast(:ageFrom as int) is null or b.age_from = :ageFrom)
                   and (cast(:tag as text) is null or exists (
                        select 1 from customer_tag t where t.customer_id = b.id and t.tag = :tag and t.removed_at is null))
                   and (cast(:segment as text) is null or exists (
                        select 1 from segment_placement sp where sp.customer_id = b.id and sp.valid_to is null
                           and sp.dimension = :dimension and sp.segment = :segment))
                 order by %1$s
                 limit cast(:limit as bigint) offset :offset
            )
            select f.id, f.kind, f.gender, f.age_from, f.region_code, f.active_policies, f.channel, f.premium_band,
                   f.claims_band, f.tenure_band, f.total,
                   case when :english then r.name_en else r.name_zh end as region_name, br.name as branch_name,
                   (select array_agg(sp.dimension || ':' || sp.segment order by sp.dimension) from segment_placement sp
                     where sp.customer_id = f.id and sp.valid_to is null) as segments,
                   (select array_agg(distinct t.tag order by t.tag) from customer_tag t
                     where t.customer_id = f.id and t.removed_at is null) as tags
              from filtered f
              left join region r on r.code = f.region_code
              left join branch br on br.id = f.branch_id
             order by %1$s
            """;

    private final JdbcClient jdbc;
    private final Pseudonyms pseudonyms;
    private final int k;
    private final LocalDate today;

    LiveAnalystList(JdbcClient jdbc, Pseudonyms pseudonyms, int k, LocalDate today) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
        this.k = k;
        this.today = today;
    }

    /** The counts of the whole list in the scope. */
    PseudonymousCustomers.Summary summary(DataScope scope) {
        return ContractsPerCustomer.scoped(jdbc.sql(SUMMARY), scope)
                .param("today", today).param("k", k)
                .query((rs, n) -> new PseudonymousCustomers.Summary(rs.getLong("in_scope"), rs.getLong("without_consent"),
                        rs.getLong("published"), rs.getLong("generalised"), rs.getLong("suppressed"))).single();
    }

    /** Every row of the list for the query (no paging), in its order; contribution against {@code average}. */
    List<PseudonymousCustomer> rows(AnalystCustomerQuery query, DataScope scope, Locale locale, BigDecimal average) {
        List<PseudonymousCustomer> rows = new ArrayList<>();
        ContractsPerCustomer.scoped(jdbc.sql(ROWS.formatted(order(query))), scope)
                .param("today", today).param("k", k).param("salt", pseudonyms.orderSalt())
                .param("region", query.region()).param("branch", query.branch()).param("channel", query.channel())
                .param("ageFrom", query.ageFrom()).param("tag", query.tag())
                .param("segment", query.segmentName()).param("dimension", query.segmentDimension())
                .param("english", "en".equals(locale.getLanguage()))
                .param("limit", null, java.sql.Types.BIGINT).param("offset", 0)
                .query(rs -> {
                    rows.add(row(rs, average));
                });
        return rows;
    }

    /** Bands and codes only, then the keyed order: never the id, never an exact amount. */
    private static String order(AnalystCustomerQuery query) {
        String direction = query.descending() ? " desc nulls last" : " asc nulls last";
        String column = switch (query.sort()) {
            case KEYED -> null;
            case AGE -> "age_from";
            case REGION -> "region_code";
            case POLICIES -> "active_policies";
            case PREMIUM -> "premium_band";
            case CLAIMS -> "claims_band";
            case TENURE -> "tenure_band";
        };
        return column == null ? "keyed" + (query.descending() ? " desc" : "") : column + direction + ", keyed";
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
