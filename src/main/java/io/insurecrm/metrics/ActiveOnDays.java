package io.insurecrm.metrics;

import io.insurecrm.platform.security.DataScope;

/**
 * The set-based SQL that counts, for many days at once, the policies active on each day and the distinct
 * policyholders holding at least one of them. Used by the book-wide snapshots and by the live trend of a
 * restricted scope.
 *
 * <p>One pass over the policy table instead of one per day: every policy is active on the half-open span
 * [start_date, stop) with stop = terminated_on if it lapsed or was cancelled before its end, else end_date + 1.
 * The policies active on day d are the spans started on or before d minus those stopped on or before d, so the
 * count is a running sum of +1 / −1 steps. Customers are counted the same way after each holder's overlapping
 * spans are merged into islands of continuous cover (gaps and islands with two window functions over one sort).
 * Spans that ended before the first day or start after the last one are left out, so refreshing only the running
 * month reads just the policies alive in it.
 *
 * The step CTEs are materialized on purpose: inlined, the planner pushes each target's {@code day <= as_of} into
 * them and aggregates the spans once per target (measured: 245 s instead of ~12 s for 120 month ends on 3M
 * policies).
 *
 * <p>The statement expects a CTE {@code targets(month_end, as_of)} before it and yields
 * {@code figures(month_end, as_of, active_contracts, active_customers)}.
 */
final class ActiveOnDays {

    private ActiveOnDays() {
    }

    private static final String TEMPLATE = """
            bounds as (
                select min(as_of) as first_day, max(as_of) as last_day from targets
            ),
            spans as materialized (
                select p.holder_id, p.start_date as start_on,
                       least(p.terminated_on, p.end_date + 1) as stop_on  -- least() skips nulls
                from policy p %s, bounds
                where p.start_date <= bounds.last_day
                  and p.end_date >= bounds.first_day
                  and (p.terminated_on is null or p.terminated_on > bounds.first_day)
                  and (p.terminated_on is null or p.terminated_on > p.start_date)
            ),
            """ + Islands.ctes("start_on", "stop_on", "", false) + ",\n"
            + Islands.steps("contract_steps", "spans", "start_on", "stop_on") + ",\n"
            + Islands.steps("customer_steps", "islands", "start_on", "stop_on") + """
            ,
            figures as (
                select t.month_end, t.as_of,
                       coalesce((select sum(step) from contract_steps where day <= t.as_of), 0)::bigint as active_contracts,
                       coalesce((select sum(step) from customer_steps where day <= t.as_of), 0)::bigint as active_customers
                from targets t
            )
            """;

    /** For the whole book: no join to the customer table. */
    static final String BOOK = TEMPLATE.formatted("");

    /** For one data scope: the holder's customer row restricted by {@link DataScope#predicate(String)}. */
    static final String SCOPED = TEMPLATE.formatted(
            "join customer c on c.id = p.holder_id and " + DataScope.predicate("c"));

    /** The targets CTE from two parallel date lists bound as {@code :monthEnds} and {@code :asOf}. */
    static final String TARGETS = """
            targets as (
                select t.month_end, t.as_of
                from unnest(cast(array[:monthEnds] as date[]), cast(array[:asOf] as date[])) as t(month_end, as_of)
            )""";
}
