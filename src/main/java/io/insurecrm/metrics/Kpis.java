package io.insurecrm.metrics;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The key figures beside 客均合同 ({@link Kpi}), over a period [from, to), within a data scope, broken down by a
 * {@link KpiGroup}. Each figure is one set-based statement: a base of (customer, channel, line, numerator, denominator)
 * rows per KPI, summed per group; a breakdown by month is one statement grouped by month ({@link KpiMonths}).
 */
@Service
@Transactional(readOnly = true)
public class Kpis {

    /** At most this many months in a breakdown by month. */
    static final int MAX_MONTHS = 36;

    private static final String IN_FORCE_ON = "(p.start_date <= %1$s and p.end_date > %1$s and (p.terminated_on is null or p.terminated_on > %1$s))";

    private static final Map<Kpi, String> BASE = new EnumMap<>(Map.of(
            Kpi.RENEWAL_RATE, """
                    select p.holder_id as customer_id, p.channel, pr.line,
                           case when exists (select 1 from policy n where n.renews_policy_id = p.id) then 1 else 0 end as num, 1 as den
                      from policy p join product pr on pr.id = p.product_id
                     where p.end_date >= :from and p.end_date < :to and (p.terminated_on is null or p.terminated_on >= p.end_date)""",
            Kpi.NPS, """
                    select i.customer_id, null::text as channel, null::text as line,
                           case when i.nps_score >= 9 then 100 when i.nps_score <= 6 then -100 else 0 end as num, 1 as den
                      from interaction i
                     where i.type = 'SURVEY' and i.nps_score is not null and i.occurred_at >= :from and i.occurred_at < :to""",
            Kpi.SATISFACTION, """
                    select i.customer_id, null::text as channel, null::text as line,
                           case when i.nps_score >= 7 then 1 else 0 end as num, 1 as den
                      from interaction i
                     where i.type = 'SURVEY' and i.nps_score is not null and i.occurred_at >= :from and i.occurred_at < :to""",
            Kpi.REFERRAL_RATE, """
                    select c0.id as customer_id, null::text as channel, null::text as line,
                           case when r.customer_id is null then 0 else 1 end as num, 1 as den
                      from customer c0
                      left join (select distinct i.customer_id from interaction i
                                  where i.type = 'REFERRAL' and i.occurred_at >= :from and i.occurred_at < :to) r
                             on r.customer_id = c0.id
                     where c0.created_at < :to""",
            Kpi.CLAIM_FREQUENCY, """
                    select p.holder_id as customer_id, p.channel, pr.line, coalesce(cl.n, 0) as num, 1 as den
                      from policy p join product pr on pr.id = p.product_id
                      left join (select policy_id, count(*) as n from claim
                                  where reported_on >= :from and reported_on < :to group by policy_id) cl on cl.policy_id = p.id
                     where p.start_date < :to and p.end_date > :from and (p.terminated_on is null or p.terminated_on > :from)""",
            Kpi.LOSS_RATIO, """
                    select p.holder_id as customer_id, p.channel, pr.line, coalesce(cl.paid, 0) as num,
                           p.annual_premium * greatest(0, least(p.end_date, coalesce(p.terminated_on, p.end_date), cast(:to as date))
                                                          - greatest(p.start_date, cast(:from as date))) / 365.0 as den
                      from policy p join product pr on pr.id = p.product_id
                      left join (select policy_id, sum(amount_paid) as paid from claim
                                  where status = 'PAID' and settled_on >= :from and settled_on < :to group by policy_id) cl
                             on cl.policy_id = p.id
                     where p.start_date < :to and p.end_date > :from""",
            Kpi.RETENTION, retention("at_end"),
            Kpi.CHURN, retention("not at_end")));

    private static String retention(String counted) {
        return """
                select h.customer_id, null::text as channel, null::text as line, case when %s then 1 else 0 end as num, 1 as den
                  from (select p.holder_id as customer_id, bool_or(%s) as at_start, bool_or(%s) as at_end
                          from policy p where p.start_date <= :last group by p.holder_id) h
                 where h.at_start""".formatted(counted, IN_FORCE_ON.formatted("cast(:from as date)"),
                IN_FORCE_ON.formatted("cast(:last as date)"));
    }

    private static final Map<KpiGroup, String> KEY = new EnumMap<>(Map.of(
            KpiGroup.TOTAL, "'ALL'", KpiGroup.SEGMENT, "coalesce(sp.segment, 'UNPLACED')", KpiGroup.REGION, "c.region_code",
            KpiGroup.BRANCH, "c.branch_id::text", KpiGroup.CHANNEL, "b.channel", KpiGroup.PRODUCT_LINE, "b.line",
            KpiGroup.PERIOD, "'ALL'"));

    private static final String GROUPED = """
            with g as (
                select %1$s as key, sum(b.num) as numerator, sum(b.den) as denominator, %7$s as customers
                  from (%2$s) b
                  join customer c on c.id = b.customer_id
                  %3$s
                 where %4$s
                 group by 1)
            select g.key, %5$s as label, g.numerator, g.denominator, g.customers
              from g %6$s
             order by g.key""";

    private final JdbcClient jdbc;

    private final java.time.Clock clock;
    private final org.springframework.context.MessageSource messages;

    Kpis(JdbcClient jdbc, java.time.Clock clock, org.springframework.context.MessageSource messages) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
    }

    /**
     * The figure per group over [from, to); by PERIOD one figure per month (keys yyyy-MM).
     * @throws FieldRuleViolation when the KPI is not broken down that way, or the period is empty or too long
     */
    public List<KpiFigure> figures(Kpi kpi, KpiGroup group, LocalDate from, LocalDate to, DataScope scope, boolean english) {
        return figures(kpi, group, from, to, scope, english, 0);
    }

    /** The dimensions a SEGMENT breakdown may group by (segmentation's), VALUE when none is named. */
    public static final List<String> SEGMENT_DIMENSIONS = List.of("VALUE", "LIFE_STAGE", "BEHAVIOUR", "RISK", "DYNAMIC");

    /**
     * The dimension a SEGMENT breakdown groups by: VALUE when blank, else one of {@link #SEGMENT_DIMENSIONS}.
     * @throws FieldRuleViolation naming {@code dimension} for any other
     */
    public static String segmentDimension(String dimension) {
        if (dimension == null || dimension.isBlank()) {
            return "VALUE";
        }
        String wanted = dimension.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        if (!SEGMENT_DIMENSIONS.contains(wanted)) {
            throw new FieldRuleViolation("dimension", "metrics.kpi.unknownDimension", dimension, String.join(", ", SEGMENT_DIMENSIONS));
        }
        return wanted;
    }

    /**
     * As {@link #figures(Kpi, KpiGroup, LocalDate, LocalDate, DataScope, boolean)}, with the small-cell rule
     * ({@link SmallCellRule}, docs/privacy.md section 7) applied for k above 1: each group counts its distinct customers
     * in the same statement, a group of fewer than k is withheld, and the next smallest with it when it is the only
     * one (the groups add up to the total the TOTAL breakdown shows). k 0 withholds nothing and counts nothing.
     */
    public List<KpiFigure> figures(Kpi kpi, KpiGroup group, LocalDate from, LocalDate to, DataScope scope, boolean english,
                                   int k) {
        return figures(kpi, group, "VALUE", from, to, scope, english, k);
    }

    /**
     * As {@link #figures(Kpi, KpiGroup, LocalDate, LocalDate, DataScope, boolean, int)}; a SEGMENT breakdown groups by
     * the customer's segment of {@code dimension} (one of {@link #SEGMENT_DIMENSIONS}) on the period's last day, read
     * from the placement history (UNPLACED without one then).
     */
    public List<KpiFigure> figures(Kpi kpi, KpiGroup group, String dimension, LocalDate from, LocalDate to, DataScope scope,
                                   boolean english, int k) {
        String segmentDimension = segmentDimension(dimension);
        List<KpiFigure> figures = compute(kpi, group, segmentDimension, from, to, scope, english, k > 1);
        if (k <= 1) {
            return figures;
        }
        SmallCellRule.Withheld withheld = SmallCellRule.partition(figures.stream()
                .mapToLong(f -> f.customers() == null ? 0 : f.customers()).toArray(), k);
        List<KpiFigure> shown = new ArrayList<>(figures.size());
        for (int i = 0; i < figures.size(); i++) {
            shown.add(withheld.cell(i) ? figures.get(i).withheld() : figures.get(i));
        }
        return List.copyOf(shown);
    }

    /** The figures before the small-cell rule (customers counted when asked). */
    List<KpiFigure> compute(Kpi kpi, KpiGroup group, String dimension, LocalDate from, LocalDate to, DataScope scope,
                                    boolean english, boolean countCustomers) {
        if (!kpi.groups().contains(group)) {
            throw new FieldRuleViolation("by", "metrics.kpi.notByGroup", kpi.name(), group.parameter());
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new FieldRuleViolation("to", "metrics.kpi.emptyPeriod", from, to);
        }
        if (group != KpiGroup.PERIOD) {
            return run(kpi, group, dimension, from, to, scope, english, countCustomers);
        }
        return byMonth(kpi, from, to, scope, countCustomers);
    }

    /**
     * The figure per month of [from, to) (keys yyyy-MM, the first and last month clipped to the period, months without
     * rows as zeros) in one statement grouped by month ({@link KpiMonths}).
     */
    List<KpiFigure> byMonth(Kpi kpi, LocalDate from, LocalDate to, DataScope scope, boolean countCustomers) {
        List<KpiMonths.Month> months = KpiMonths.of(from, to);
        Map<Integer, KpiFigure> rows = jdbc.sql(KpiMonths.statement(kpi, countCustomers))
                .param("from", from).param("to", to).param("last", to.minusDays(1)).param("base", KpiMonths.base(from))
                .param("firsts", months.stream().map(KpiMonths.Month::first).toList())
                .param("lasts", months.stream().map(KpiMonths.Month::last).toList())
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> Map.entry(rs.getInt("i"), KpiFigure.of(kpi, "ALL", null, rs.getBigDecimal("numerator"),
                        rs.getBigDecimal("denominator"), rs.getObject("customers", Long.class))))
                .list().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<KpiFigure> figures = new ArrayList<>(months.size());
        for (int i = 0; i < months.size(); i++) {
            String key = months.get(i).month().toString();
            KpiFigure f = rows.get(i + 1);
            figures.add(f == null ? KpiFigure.of(kpi, key, key, BigDecimal.ZERO, BigDecimal.ZERO, countCustomers ? 0L : null)
                    : KpiFigure.of(kpi, key, key, f.numerator(), f.denominator(), f.customers()));
        }
        return figures;
    }

    /**
     * The same figures as {@link #byMonth} the way they were computed before: the TOTAL statement once per month. Kept
     * for the benchmark and the tests that compare the two.
     */
    List<KpiFigure> byMonthOneStatementPerMonth(Kpi kpi, LocalDate from, LocalDate to, DataScope scope, boolean countCustomers) {
        List<KpiFigure> months = new ArrayList<>();
        for (KpiMonths.Month month : KpiMonths.of(from, to)) {
            List<KpiFigure> figure = run(kpi, KpiGroup.TOTAL, "VALUE", month.first(), month.last().plusDays(1), scope, false,
                    countCustomers);
            KpiFigure f = figure.isEmpty()
                    ? KpiFigure.of(kpi, "ALL", null, BigDecimal.ZERO, BigDecimal.ZERO, countCustomers ? 0L : null) : figure.get(0);
            String key = month.month().toString();
            months.add(KpiFigure.of(kpi, key, key, f.numerator(), f.denominator(), f.customers()));
        }
        return months;
    }

    private List<KpiFigure> run(Kpi kpi, KpiGroup group, String dimension, LocalDate from, LocalDate to, DataScope scope,
                                boolean english, boolean countCustomers) {
        LocalDate last = to.minusDays(1);
        // the segment on the period's last day: the current placement for a period up to today (its partial index),
        // the placement then valid for an earlier one (the history index)
        String segmentJoin = group != KpiGroup.SEGMENT ? ""
                : !last.isBefore(LocalDate.now(clock))
                ? "left join segment_placement sp on sp.customer_id = c.id and sp.dimension = :dimension and sp.valid_to is null"
                : "left join segment_placement sp on sp.customer_id = c.id and sp.dimension = :dimension "
                        + "and sp.valid_from <= :last and (sp.valid_to is null or sp.valid_to > :last)";
        String label = switch (group) {
            case REGION -> "case when :english then r.name_en else r.name_zh end";
            case BRANCH -> "br.name";
            default -> "null::text";
        };
        String labelJoin = switch (group) {
            case REGION -> "left join region r on r.code = g.key";
            case BRANCH -> "left join branch br on br.id::text = g.key";
            default -> "";
        };
        String sql = GROUPED.formatted(KEY.get(group), BASE.get(kpi), segmentJoin, DataScope.predicate("c"), label, labelJoin,
                countCustomers ? "count(distinct b.customer_id)" : "null::bigint");
        List<KpiFigure> figures = jdbc.sql(sql)
                .param("from", from).param("to", to).param("last", last).param("english", english).param("dimension", dimension)
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> KpiFigure.of(kpi, rs.getString("key"), rs.getString("label"),
                        rs.getBigDecimal("numerator"), rs.getBigDecimal("denominator"), rs.getObject("customers", Long.class)))
                .list();
        return switch (group) {
            case SEGMENT -> segmentLabels(figures, english);
            case TOTAL -> figures.stream().map(f -> f.labelled(messages.getMessage("metrics.kpi.by.TOTAL", null, f.key(),
                    english ? java.util.Locale.ENGLISH : java.util.Locale.SIMPLIFIED_CHINESE))).toList();
            default -> figures;
        };
    }

    /** Segments named in the language (the segmentation bundle's names; a segment an analyst named himself as is). */
    private List<KpiFigure> segmentLabels(List<KpiFigure> figures, boolean english) {
        java.util.Locale locale = english ? java.util.Locale.ENGLISH : java.util.Locale.SIMPLIFIED_CHINESE;
        return figures.stream().map(f -> f.labelled(f.key().equals("UNPLACED")
                ? messages.getMessage("metrics.kpi.unplaced", null, f.key(), locale)
                : messages.getMessage("segmentation.segment." + f.key(), null, f.key(), locale))).toList();
    }
}
