package io.insurecrm.metrics;

/**
 * Gaps and islands in SQL: the rows (holder_id, start, end) of a CTE named {@code spans} merged, per holder, wherever a
 * row begins at or before the furthest end of the rows before it (in start order). Used for the customers holding a
 * contract on given days ({@link ActiveOnDays}) and the holders per month of the key figures ({@link KpiMonths}).
 */
final class Islands {

    private Islands() {
    }

    /**
     * Two CTEs, {@code marked} and {@code islands(holder_id, start, end)}, for the WITH clause of a statement that has
     * {@code spans}; {@code where} filters the spans read (blank: all), {@code materialized} keeps the islands as a
     * table when the statement reads them more than once.
     */
    static String ctes(String start, String end, String where, boolean materialized) {
        return """
                marked as (
                    select holder_id, %1$s, %2$s,
                           case when %1$s <= max(%2$s) over earlier then 0 else 1 end as opens_island
                      from spans%3$s
                    window earlier as (partition by holder_id order by %1$s, %2$s rows between unbounded preceding and 1 preceding)
                ),
                islands as %4$s(
                    select holder_id, min(%1$s) as %1$s, max(%2$s) as %2$s
                      from (select holder_id, %1$s, %2$s,
                                   sum(opens_island) over (partition by holder_id order by %1$s, %2$s rows unbounded preceding) as island
                              from marked) numbered
                     group by holder_id, island
                )""".formatted(start, end, where.isBlank() ? "" : " where " + where, materialized ? "materialized " : "");
    }

    /**
     * A CTE {@code name(day, step)}, kept as a table: +1 on each row's start and −1 on its end (exclusive) over the rows
     * of {@code source}, summed per day — so the rows holding on a day d are the sum of the steps up to d.
     */
    static String steps(String name, String source, String start, String end) {
        return """
                %1$s as materialized (
                    select day, sum(step) as step
                      from (select %3$s as day, count(*) as step from %2$s group by %3$s
                            union all
                            select %4$s, -count(*) from %2$s group by %4$s) st
                     group by day
                )""".formatted(name, source, start, end);
    }
}
