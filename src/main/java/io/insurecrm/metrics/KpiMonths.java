package io.insurecrm.metrics;

import io.insurecrm.platform.security.DataScope;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The breakdown of a key figure by month in one set-based statement: the same figures as running the TOTAL statement
 * of {@link Kpis} once per month of the period, each month clipped to [from, to), but the tables read once.
 *
 * <p>Months are numbered 1 … n; a date d of the period falls in month {@code IDX(d) = year × 12 + month − base}, base
 * being the month before the first. Every statement yields rows {@code (i, numerator, denominator, customers)}, at
 * most one per month; a month without a row has no base rows (zeros).
 * <ul>
 * <li>Events (renewals by end date, survey answers by the local day they were given) are grouped by their month: the
 * clipped months partition [from, to), and comparing a timestamp with a date is comparing its local day with it.
 * <li>A policy counts for claim frequency in month m when it starts before the month ends and is not ended nor
 * terminated on its first day: that is the months a … b with a = IDX(max(start, from)) and
 * b = IDX(min(end, terminated, to) − 1). The policies per month are a running sum of +1 at a and −1 at b + 1; the
 * claims of a month are counted on the policies whose a … b holds it. Loss ratio's policies likewise (without the
 * termination test); its earned premium is the same per policy and month expression as the TOTAL statement, one row
 * per policy and month of the period it overlaps, summed
 * (numeric sums are exact, so the months equal the separate statements to the last digit).
 * <li>Distinct customers (only for the small-cell rule): each holder's month ranges merged into islands (gaps and
 * islands, as in {@link ActiveOnDays}), then a running sum of +1 / −1 steps like the policies.
 * <li>Referral: the customers registered before a month's end are a running sum of registrations per month (those
 * before the period in the first); the referrers of a month are counted if registered before its end.
 * <li>Retention and churn: each holder's cover [start, min(end, terminated)) merged into islands of days. Held on the
 * first day of a month = an island covers it (a running sum over the islands' starts and ends, read on each first
 * day); churned = the island covering the first day ends within the month and no other island of the holder covers
 * the last day; retained = held on the first day − churned.
 * </ul>
 * The CTEs read twice or more are materialized (see {@link ActiveOnDays} for what inlining them cost there).
 */
final class KpiMonths {

    /** One month of the breakdown: its key (yyyy-MM) and its first and last day, clipped to the period. */
    record Month(YearMonth month, LocalDate first, LocalDate last) {
    }

    /**
     * The months of [from, to), the first and last clipped.
     * @throws io.insurecrm.platform.web.FieldRuleViolation naming {@code from} when there are more than MAX_MONTHS
     */
    static List<Month> of(LocalDate from, LocalDate to) {
        List<Month> months = new ArrayList<>();
        YearMonth month = YearMonth.from(from);
        while (month.atDay(1).isBefore(to)) {
            if (months.size() >= Kpis.MAX_MONTHS) {
                throw new io.insurecrm.platform.web.FieldRuleViolation("from", "metrics.kpi.tooManyMonths", Kpis.MAX_MONTHS);
            }
            LocalDate start = month.atDay(1).isBefore(from) ? from : month.atDay(1);
            LocalDate end = month.plusMonths(1).atDay(1).isAfter(to) ? to : month.plusMonths(1).atDay(1);
            months.add(new Month(month, start, end.minusDays(1)));
            month = month.plusMonths(1);
        }
        return List.copyOf(months);
    }

    /** The month before the period's first: IDX(d) = year × 12 + month − base numbers the period's months from 1. */
    static int base(LocalDate from) {
        return from.getYear() * 12 + from.getMonthValue() - 1;
    }

    private KpiMonths() {
    }

    private static String idx(String date) {
        return "(extract(year from %1$s)::int * 12 + extract(month from %1$s)::int - :base)".formatted(date);
    }

    private static final String SCOPE = DataScope.predicate("c");

    /** months(i, first_day, last_day) from the parallel date lists :firsts and :lasts. */
    private static final String MONTHS = """
            months as (
                select m.i::int as i, m.first_day, m.last_day
                  from unnest(cast(array[:firsts] as date[]), cast(array[:lasts] as date[])) with ordinality as m(first_day, last_day, i)
            )""";

    /**
     * holders(i, n): distinct holders per month of the rows (holder_id, a, b) of the CTE {@code spans}, a ≤ b: each
     * holder's ranges merged into islands, islands counted with running +1 / −1 steps.
     */
    private static final String HOLDERS = Islands.ctes("a", "b", "a <= b", false) + """
            ,
            holder_steps as materialized (
                select i, sum(step) as step
                  from (select a as i, count(*) as step from islands group by a
                        union all
                        select b + 1, -count(*) from islands group by b + 1) s
                 group by i
            ),
            holders as (
                select m.i, sum(coalesce(h.step, 0)) over (order by m.i)::bigint as n
                  from months m left join holder_steps h on h.i = m.i
            )""";

    private static final String NO_HOLDERS = """
            holders as (
                select m.i, null::bigint as n from months m
            )""";

    private static String holders(boolean countCustomers) {
        return countCustomers ? HOLDERS : NO_HOLDERS;
    }

    /** Renewals, survey answers: rows of one dated table grouped by the month of their date. */
    private static String events(String month, String numerator, String from, boolean countCustomers, String customer) {
        return """
                select %1$s as i, sum(%2$s) as numerator, count(*) as denominator, %4$s as customers
                  %3$s
                 group by 1""".formatted(month, numerator, from,
                countCustomers ? "count(distinct " + customer + ")" : "null::bigint");
    }

    private static final String SURVEYS = """
            from interaction i join customer c on c.id = i.customer_id
                 where i.type = 'SURVEY' and i.nps_score is not null and i.occurred_at >= :from and i.occurred_at < :to
                   and %s""".formatted(SCOPE);

    private static final Map<Kpi, java.util.function.Function<Boolean, String>> STATEMENTS = new EnumMap<>(Kpi.class);

    static {
        STATEMENTS.put(Kpi.RENEWAL_RATE, count -> events(idx("p.end_date"),
                "case when exists (select 1 from policy n where n.renews_policy_id = p.id) then 1 else 0 end", """
                from policy p join customer c on c.id = p.holder_id
                 where p.end_date >= :from and p.end_date < :to and (p.terminated_on is null or p.terminated_on >= p.end_date)
                   and %s""".formatted(SCOPE), count, "p.holder_id"));
        STATEMENTS.put(Kpi.NPS, count -> events(idx("cast(i.occurred_at as date)"),
                "case when i.nps_score >= 9 then 100 when i.nps_score <= 6 then -100 else 0 end", SURVEYS, count, "i.customer_id"));
        STATEMENTS.put(Kpi.SATISFACTION, count -> events(idx("cast(i.occurred_at as date)"),
                "case when i.nps_score >= 7 then 1 else 0 end", SURVEYS, count, "i.customer_id"));
        STATEMENTS.put(Kpi.REFERRAL_RATE, count -> """
                with %1$s,
                registered as (
                    select case when c.created_at < :from then 1 else %2$s end as i, count(*) as n
                      from customer c
                     where c.created_at < :to and %3$s
                     group by 1
                ),
                referrers as (
                    select r.i, count(*) as n
                      from (select distinct i.customer_id, %4$s as i from interaction i
                             where i.type = 'REFERRAL' and i.occurred_at >= :from and i.occurred_at < :to) r
                      join customer c on c.id = r.customer_id
                     where c.created_at < :to and (c.created_at < :from or %2$s <= r.i) and %3$s
                     group by r.i
                ),
                figures as (
                    select m.i, coalesce(f.n, 0) as numerator, sum(coalesce(g.n, 0)) over (order by m.i) as denominator
                      from months m left join registered g on g.i = m.i left join referrers f on f.i = m.i
                )
                select i, numerator, denominator, %5$s as customers from figures""".formatted(MONTHS,
                idx("cast(c.created_at as date)"), SCOPE, idx("cast(i.occurred_at as date)"),
                count ? "denominator::bigint" : "null::bigint"));
        STATEMENTS.put(Kpi.CLAIM_FREQUENCY, count -> """
                with %1$s,
                spans as materialized (
                    select p.id, p.holder_id,
                           %2$s as a,
                           %3$s as b
                      from policy p join customer c on c.id = p.holder_id
                     where p.start_date < :to and p.end_date > :from and (p.terminated_on is null or p.terminated_on > :from)
                       and %4$s
                ),
                policy_steps as (
                    select i, sum(step) as step
                      from (select a as i, count(*) as step from spans where a <= b group by a
                            union all
                            select b + 1, -count(*) from spans where a <= b group by b + 1) s
                     group by i
                ),
                claims as (
                    select %5$s as i, count(*) as n
                      from claim cl join spans s on s.id = cl.policy_id
                     where cl.reported_on >= :from and cl.reported_on < :to and %5$s between s.a and s.b
                     group by 1
                ),
                %6$s
                select m.i, coalesce(cl.n, 0) as numerator, sum(coalesce(ps.step, 0)) over (order by m.i) as denominator,
                       h.n as customers
                  from months m left join policy_steps ps on ps.i = m.i left join claims cl on cl.i = m.i
                  join holders h on h.i = m.i""".formatted(MONTHS,
                idx("greatest(p.start_date, cast(:from as date))"),
                idx("(least(p.end_date, p.terminated_on, cast(:to as date)) - 1)"), SCOPE, idx("cl.reported_on"),
                holders(count)));
        STATEMENTS.put(Kpi.LOSS_RATIO, count -> """
                with %1$s,
                spans as materialized (
                    select p.id, p.holder_id, p.annual_premium, p.start_date, p.end_date, p.terminated_on,
                           %2$s as a,
                           %3$s as b
                      from policy p join customer c on c.id = p.holder_id
                     where p.start_date < :to and p.end_date > :from and %4$s
                ),
                earned as (
                    select m.i,
                           sum(s.annual_premium * greatest(0, least(s.end_date, coalesce(s.terminated_on, s.end_date), m.last_day + 1)
                                                             - greatest(s.start_date, m.first_day)) / 365.0) as premium
                      from spans s join months m on m.i between s.a and s.b
                     group by m.i
                ),
                paid as (
                    select %5$s as i, sum(cl.amount_paid) as amount
                      from claim cl join spans s on s.id = cl.policy_id
                     where cl.status = 'PAID' and cl.settled_on >= :from and cl.settled_on < :to and %5$s between s.a and s.b
                     group by 1
                ),
                %6$s
                select m.i, coalesce(pd.amount, 0) as numerator, coalesce(e.premium, 0) as denominator, h.n as customers
                  from months m left join earned e on e.i = m.i left join paid pd on pd.i = m.i
                  join holders h on h.i = m.i""".formatted(MONTHS,
                idx("greatest(p.start_date, cast(:from as date))"),
                idx("(least(p.end_date, cast(:to as date)) - 1)"), SCOPE, idx("cl.settled_on"),
                holders(count)));
        STATEMENTS.put(Kpi.RETENTION, count -> retention("h.n - coalesce(l.n, 0)", count));
        STATEMENTS.put(Kpi.CHURN, count -> retention("coalesce(l.n, 0)", count));
    }

    private static String retention(String numerator, boolean countCustomers) {
        return """
                with %1$s,
                spans as materialized (
                    select p.holder_id, p.start_date as s, least(p.end_date, p.terminated_on) as e  -- least() skips nulls
                      from policy p join customer c on c.id = p.holder_id
                     where p.start_date <= :last and least(p.end_date, p.terminated_on) > :from
                       and least(p.end_date, p.terminated_on) > p.start_date and %2$s
                ),
                %6$s,
                %7$s,
                held as (
                    select m.i, coalesce((select sum(step) from island_steps where day <= m.first_day), 0)::bigint as n
                      from months m
                ),
                lost as (
                    select m.i, count(*) as n
                      from islands x join months m on m.i = %3$s
                     where x.s <= m.first_day and x.e > m.first_day and x.e <= m.last_day
                       and not exists (select 1 from islands y
                                        where y.holder_id = x.holder_id and y.s <= m.last_day and y.e > m.last_day)
                     group by m.i
                )
                select h.i, %4$s as numerator, h.n as denominator, %5$s as customers
                  from held h left join lost l on l.i = h.i""".formatted(MONTHS, SCOPE, idx("(x.e - 1)"), numerator,
                countCustomers ? "h.n" : "null::bigint", Islands.ctes("s", "e", "", true),
                Islands.steps("island_steps", "islands", "s", "e"));
    }

    /** The statement for the KPI; its rows (i, numerator, denominator, customers), customers null unless counted. */
    static String statement(Kpi kpi, boolean countCustomers) {
        return STATEMENTS.get(kpi).apply(countCustomers);
    }
}
