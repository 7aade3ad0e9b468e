package io.insurecrm.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the book-wide month-end snapshots of 客均合同 (table contracts_per_customer_monthly) up to date for the last
 * {@code crm.metrics.snapshot-months} month ends. Incremental and idempotent: a run computes only the months that
 * have no row yet and those whose row was taken before the day it should now be taken on (the running month, and
 * the month that has just ended); a second run on the same day computes nothing.
 * All months that need it are computed in one statement (see {@link ActiveOnDays}).
 */
@Service
public class ContractsPerCustomerSnapshots {

    private static final Logger log = LoggerFactory.getLogger(ContractsPerCustomerSnapshots.class);

    /** Runs of the nightly job and of an analyst's request wait for each other instead of racing. */
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('metrics.contracts_per_customer_monthly'))";

    private static final String NEEDED = "with " + ActiveOnDays.TARGETS + """
            select t.month_end, t.as_of
            from targets t
            where :rebuild or not exists (select 1 from contracts_per_customer_monthly s
                                          where s.month_end = t.month_end and s.as_of >= t.as_of)
            order by t.month_end
            """;

    private static final String COMPUTE = "with " + ActiveOnDays.TARGETS + ",\n" + ActiveOnDays.BOOK + """
            insert into contracts_per_customer_monthly (month_end, as_of, active_contracts, active_customers, computed_at)
            select month_end, as_of, active_contracts, active_customers, :now from figures
            on conflict (month_end) do update
                set as_of = excluded.as_of, active_contracts = excluded.active_contracts,
                    active_customers = excluded.active_customers, computed_at = excluded.computed_at
            """;

    /**
     * For a few month ends (the nightly case: the running month, on the 1st also the month just ended) counting each
     * day directly is cheaper than sorting every live policy into islands: ~1 s per day against ~9 s on 3M policies.
     */
    private static final String COMPUTE_DIRECT = "with " + ActiveOnDays.TARGETS + """
            insert into contracts_per_customer_monthly (month_end, as_of, active_contracts, active_customers, computed_at)
            select t.month_end, t.as_of, count(p.id), count(distinct p.holder_id), :now
            from targets t
            left join policy p on p.start_date <= t.as_of and p.end_date >= t.as_of
                              and (p.terminated_on is null or p.terminated_on > t.as_of)
            group by t.month_end, t.as_of
            on conflict (month_end) do update
                set as_of = excluded.as_of, active_contracts = excluded.active_contracts,
                    active_customers = excluded.active_customers, computed_at = excluded.computed_at
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MetricsSettings settings;

    ContractsPerCustomerSnapshots(JdbcClient jdbc, Clock clock, MetricsSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /** Computes the month ends that are missing or out of date; returns what it did. */
    @Transactional
    public SnapshotRun refresh() {
        return refresh(LocalDate.now(clock), false);
    }

    /** Recomputes every month end of the window, e.g. after back-dated corrections to policies. */
    @Transactional
    public SnapshotRun rebuild() {
        return refresh(LocalDate.now(clock), true);
    }

    @Transactional
    SnapshotRun refresh(LocalDate today, boolean rebuild) {
        Instant started = clock.instant();
        jdbc.sql(LOCK).query((rs, row) -> 1).list();
        // one sort of all live policies by holder: in memory rather than in temporary files, for this batch only
        jdbc.sql("select set_config('work_mem', :workMem, true)").param("workMem", settings.snapshotWorkMem())
                .query((rs, row) -> 1).list();
        MonthEnds window = MonthEnds.lastN(today, settings.snapshotMonths());
        List<LocalDate[]> needed = jdbc.sql(NEEDED)
                .param("monthEnds", window.monthEnds()).param("asOf", window.asOf()).param("rebuild", rebuild)
                .query((rs, row) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .list();
        if (needed.isEmpty()) {
            return new SnapshotRun(List.of(), Duration.between(started, clock.instant()));
        }
        List<LocalDate> monthEnds = needed.stream().map(pair -> pair[0]).toList();
        boolean direct = monthEnds.size() <= settings.snapshotDirectMonths();
        int written = jdbc.sql(direct ? COMPUTE_DIRECT : COMPUTE)
                .param("monthEnds", monthEnds)
                .param("asOf", needed.stream().map(pair -> pair[1]).toList())
                .param("now", OffsetDateTime.now(clock))
                .update();
        Duration took = Duration.between(started, clock.instant());
        log.info("客均合同 snapshots: {} month end(s) computed ({} … {}, {}) in {} ms", written, monthEnds.get(0),
                monthEnds.get(monthEnds.size() - 1), direct ? "counted per day" : "one pass", took.toMillis());
        return new SnapshotRun(monthEnds, took);
    }

    /**
     * What a refresh did.
     *
     * @param monthEnds the month ends computed, oldest first (none when everything was up to date)
     */
    public record SnapshotRun(List<LocalDate> monthEnds, Duration took) {
    }
}
