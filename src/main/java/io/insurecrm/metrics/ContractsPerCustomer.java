package io.insurecrm.metrics;

import io.insurecrm.platform.security.DataScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 客均合同 (contracts per customer) = active contracts ÷ customers holding at least one active contract, for a data
 * scope: the whole book, a branch (the policyholder's branch) or an agent's own book (customers he services).
 * A policy is active now when its status is ACTIVE; a customer counts as the policyholder.
 * Every figure is one set-based statement; nothing loops over customers in Java.
 */
@Service
@Transactional(readOnly = true)
public class ContractsPerCustomer {

    private static final String SCOPE = DataScope.predicate("c");

    private static final String OVERALL = """
            select coalesce(sum(n), 0) as contracts, count(*) as customers
            from (select p.holder_id, count(*) as n
                  from policy p
                  join customer c on c.id = p.holder_id
                  where p.status = 'ACTIVE' and %s
                  group by p.holder_id) per_holder
            """.formatted(SCOPE);

    /**
     * Per group: first one row per (group, holder) with his contracts in the group, then per group the sum and the
     * number of holders — a hash aggregate instead of the sort a count(distinct) needs. Labels are joined last.
     */
    private static final String GROUPED = """
            with per_holder as (
                select %1$s as key, p.holder_id, count(*) as n
                from policy p
                join customer c on c.id = p.holder_id
                %2$s
                where p.status = 'ACTIVE' and %3$s
                group by 1, 2
            ), per_group as (
                select key, sum(n) as contracts, count(*) as customers from per_holder group by key
            )
            select g.key::text as key, %4$s as label, g.contracts, g.customers
            from per_group g
            %5$s
            order by g.contracts desc, g.key
            """;

    private static final String PRODUCT = "join product pr on pr.id = p.product_id";

    private static final Map<Breakdown, String> GROUPED_SQL = new EnumMap<>(Map.of(
            Breakdown.REGION, GROUPED.formatted("c.region_code", "", SCOPE,
                    "case when :english then r.name_en else r.name_zh end", "join region r on r.code = g.key"),
            Breakdown.BRANCH, GROUPED.formatted("c.branch_id", "", SCOPE, "b.name", "join branch b on b.id = g.key"),
            Breakdown.CHANNEL, GROUPED.formatted("p.channel", "", SCOPE, "null::text", ""),
            Breakdown.AGENT, GROUPED.formatted("p.agent_id", "", SCOPE, "a.name || ' (' || a.code || ')'",
                    "join agent a on a.id = g.key"),
            Breakdown.PRODUCT_LINE, GROUPED.formatted("pr.line", PRODUCT, SCOPE, "null::text", ""),
            Breakdown.LAYER, GROUPED.formatted("coalesce(pr.layer, 'PROPERTY')", PRODUCT, SCOPE, "null::text", "")));

    /** Members of a household holding active contracts, in scope; the CTE both household queries start from. */
    private static final String HOUSEHOLDS = """
            with per_member as (
                select hm.household_id, hm.customer_id, count(*) as n
                from household_member hm
                join customer c on c.id = hm.customer_id
                join policy p on p.holder_id = hm.customer_id and p.status = 'ACTIVE'
                where %s
                group by hm.household_id, hm.customer_id
            ), per_household as (
                select household_id, sum(n) as contracts, count(*) as members from per_member group by household_id
            )
            """.formatted(SCOPE);

    /**
     * The distribution of households by their figure and the highest households, from one pass over the book:
     * per_household is referenced twice, so PostgreSQL computes it once (a materialised CTE).
     */
    private static final String HOUSEHOLD_FIGURES = HOUSEHOLDS + """
            , distribution as (
                select least(floor(contracts::numeric / members), :lastBucket)::int as bucket,
                       count(*) as households, sum(contracts) as contracts, sum(members) as members
                from per_household
                group by 1
            ), highest as (
                select h.id::text as key, h.name as label, ph.contracts, ph.members,
                       row_number() over (order by ph.contracts::numeric / ph.members desc, ph.contracts desc, h.id)::int as rank
                from per_household ph
                join household h on h.id = ph.household_id
                order by rank
                limit cast(:limit as bigint)
            )
            select 'BUCKET' as kind, bucket as position, households, contracts, members, null as key, null as label
            from distribution
            union all
            select 'HIGHEST', rank, null, contracts, members, key, label from highest
            order by kind, position
            """;

    private static final String HOUSEHOLD_ROWS = HOUSEHOLDS + """
            select h.id::text as key, h.name as label, ph.contracts, ph.members
            from per_household ph
            join household h on h.id = ph.household_id
            order by ph.contracts::numeric / ph.members desc, ph.contracts desc, h.id
            limit cast(:limit as bigint)
            """;

    private static final String SNAPSHOT_TREND = """
            select month_end, as_of, active_contracts, active_customers
            from contracts_per_customer_monthly
            where month_end >= :from and month_end <= :to
            order by month_end
            """;

    private static final String LIVE_TREND = "with " + ActiveOnDays.TARGETS + ",\n" + ActiveOnDays.SCOPED + """
            select month_end, as_of, active_contracts, active_customers from figures order by month_end
            """;

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;
    private final MetricsSettings settings;
    private final FigureCache cache;

    ContractsPerCustomer(JdbcClient jdbc, MessageSource messages, Clock clock, MetricsSettings settings) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
        this.settings = settings;
        this.cache = new FigureCache(clock, settings.cacheTtl() == null ? java.time.Duration.ZERO : settings.cacheTtl());
    }

    /** Forgets the figures kept for crm.metrics.cache-ttl, e.g. after a bulk load. */
    public void forgetCachedFigures() {
        cache.clear();
    }

    /** 客均合同 of everything the scope sees. */
    public Ratio overall(DataScope scope) {
        return cache.get(List.of("overall", scope), () -> computeOverall(scope));
    }

    private Ratio computeOverall(DataScope scope) {
        return scoped(jdbc.sql(OVERALL), scope)
                .query((rs, row) -> new Ratio(rs.getLong("contracts"), rs.getLong("customers"))).single();
    }

    /**
     * 客均合同 per group, the largest group first. Codes (channel, product line, layer) are labelled in the locale's
     * language; region, branch and agent carry their names. Not for {@link Breakdown#HOUSEHOLD}: see
     * {@link #households(DataScope, int)}.
     */
    public List<GroupFigure> by(Breakdown breakdown, DataScope scope, Locale locale) {
        return cache.get(List.of("by", breakdown, scope, locale.getLanguage()), () -> computeBy(breakdown, scope, locale));
    }

    private List<GroupFigure> computeBy(Breakdown breakdown, DataScope scope, Locale locale) {
        String sql = GROUPED_SQL.get(breakdown);
        if (sql == null) {
            throw new IllegalArgumentException(breakdown + " is not a grouped breakdown");
        }
        return scoped(jdbc.sql(sql), scope)
                .param("english", "en".equals(locale.getLanguage()))
                .query((rs, row) -> {
                    String key = rs.getString("key");
                    String label = rs.getString("label");
                    return new GroupFigure(key, label != null ? label : codeLabel(breakdown, key, locale),
                            rs.getLong("contracts"), rs.getLong("customers"));
                }).list();
    }

    /** 客均合同 per household: the summary, the distribution of households and the {@code top} highest households. */
    public HouseholdFigures households(DataScope scope, int top) {
        return cache.get(List.of("households", scope, top), () -> computeHouseholds(scope, top));
    }

    private HouseholdFigures computeHouseholds(DataScope scope, int top) {
        List<HouseholdFigures.Bucket> buckets = new java.util.ArrayList<>();
        List<GroupFigure> highest = new java.util.ArrayList<>();
        scoped(jdbc.sql(HOUSEHOLD_FIGURES), scope)
                .param("lastBucket", HouseholdFigures.LAST_BUCKET)
                .param("limit", (long) top)
                .query(rs -> {
                    if ("BUCKET".equals(rs.getString("kind"))) {
                        int from = rs.getInt("position");
                        buckets.add(new HouseholdFigures.Bucket(from, from == HouseholdFigures.LAST_BUCKET,
                                rs.getLong("households"), rs.getLong("contracts"), rs.getLong("members")));
                    } else {
                        highest.add(householdRow(rs, highest.size()));
                    }
                });
        return HouseholdFigures.of(buckets, highest);
    }

    /** Every household in scope, highest figure first, streamed to the consumer (for CSV export). */
    public void eachHousehold(DataScope scope, Consumer<GroupFigure> consumer) {
        scoped(jdbc.sql(HOUSEHOLD_ROWS), scope).param("limit", null, java.sql.Types.BIGINT)
                .query(rs -> {
                    consumer.accept(householdRow(rs, 0));
                });
    }

    /**
     * The trend of the last {@code months} month ends, the running month included. The whole book reads the
     * nightly snapshots; a restricted scope is computed live with the same rule, over its own (small) book.
     */
    public Trend trend(int months, DataScope scope) {
        return trend(months, scope, LocalDate.now(clock));
    }

    Trend trend(int months, DataScope scope, LocalDate today) {
        if (months < 1 || months > settings.snapshotMonths()) {
            throw new IllegalArgumentException("months must be 1…" + settings.snapshotMonths());
        }
        MonthEnds ends = MonthEnds.lastN(today, months);
        if (scope.isAll()) {
            return new Trend(Trend.Source.SNAPSHOTS, jdbc.sql(SNAPSHOT_TREND)
                    .param("from", ends.monthEnds().get(0))
                    .param("to", ends.monthEnds().get(ends.monthEnds().size() - 1))
                    .query(ContractsPerCustomer::trendPoint).list());
        }
        return new Trend(Trend.Source.LIVE, scoped(jdbc.sql(LIVE_TREND), scope)
                .param("monthEnds", ends.monthEnds())
                .param("asOf", ends.asOf())
                .query(ContractsPerCustomer::trendPoint).list());
    }

    private String codeLabel(Breakdown breakdown, String key, Locale locale) {
        String prefix = switch (breakdown) {
            case CHANNEL -> "metrics.channel.";
            case PRODUCT_LINE -> "metrics.line.";
            case LAYER -> "metrics.layer.";
            default -> "";
        };
        return messages.getMessage(prefix + key, null, key, locale);
    }

    static JdbcClient.StatementSpec scoped(JdbcClient.StatementSpec statement, DataScope scope) {
        return statement.param("scopeAll", scope.scopeAll())
                .param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch());
    }

    private static GroupFigure householdRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new GroupFigure(rs.getString("key"), rs.getString("label"), rs.getLong("contracts"), rs.getLong("members"));
    }

    private static TrendPoint trendPoint(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new TrendPoint(rs.getObject("month_end", LocalDate.class), rs.getObject("as_of", LocalDate.class),
                rs.getLong("active_contracts"), rs.getLong("active_customers"));
    }
}
