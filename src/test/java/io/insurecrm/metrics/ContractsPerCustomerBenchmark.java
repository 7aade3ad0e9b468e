package io.insurecrm.metrics;

import io.insurecrm.platform.security.DataScope;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times every dashboard query and the snapshot refresh on an existing book. Not a test: run it through
 * {@code bench/metrics-queries.sh JDBC_URL} (see docs/metrics.md). Cold = the first run in this JVM on a fresh
 * connection (PostgreSQL's own buffers and the OS cache may still be warm: restart the server and drop caches
 * for a truly cold figure); warm = the median of the following runs.
 *
 * <p>Arguments: JDBC URL, then optional {@code runs=5}, {@code agent=ID}, {@code branch=ID}, {@code naive=true}
 * (also time the one-scan-per-month-end alternative of the snapshot, for comparison), {@code rebuild=true}.
 */
public final class ContractsPerCustomerBenchmark {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ContractsPerCustomerBenchmark JDBC_URL [runs=5] [agent=ID] [branch=ID] [naive=true] [rebuild=false] [queries=false]");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        Arrays.stream(args).skip(1).map(a -> a.split("=", 2)).forEach(kv -> options.put(kv[0], kv.length > 1 ? kv[1] : "true"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));

        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(args[0], true);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/metrics");
        messages.setDefaultEncoding("UTF-8");
        MetricsSettings settings = new MetricsSettings("-", 120, 36, 20, "256MB", Integer.parseInt(options.getOrDefault("direct", "6")), java.time.Duration.ZERO);
        Clock clock = Clock.systemDefaultZone();
        ContractsPerCustomer queries = new ContractsPerCustomer(jdbc, messages, clock, settings);
        ContractsPerCustomerSnapshots snapshotBatch = new ContractsPerCustomerSnapshots(jdbc, clock, settings);
        // the batch runs in one transaction, as in the app (its work_mem setting is transaction-local)
        TransactionTemplate inTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        System.out.println(jdbc.sql("select version()").query(String.class).single());
        System.out.printf("book: %,d customers, %,d policies (%,d active), %,d households%n",
                count(jdbc, "customer"), count(jdbc, "policy"),
                jdbc.sql("select count(*) from policy where status = 'ACTIVE'").query(Long.class).single(),
                count(jdbc, "household"));
        long agent = Long.parseLong(options.getOrDefault("agent",
                String.valueOf(jdbc.sql("select coalesce(min(agent_id), -1) from customer").query(Long.class).single())));
        long branch = Long.parseLong(options.getOrDefault("branch",
                String.valueOf(jdbc.sql("select coalesce(min(branch_id), -1) from customer").query(Long.class).single())));

        System.out.printf("%n%-44s %10s %10s %8s%n", "query (" + runs + " runs)", "cold ms", "median ms", "rows");
        List<DataScope> scopes = Boolean.parseBoolean(options.getOrDefault("queries", "true"))
                ? List.of(DataScope.all(), DataScope.branch(branch), DataScope.ownBook(agent)) : List.of();
        for (DataScope scope : scopes) {
            String name = scope.kind() + (scope.isAll() ? "" : " " + (scope.agentId() != null ? scope.agentId() : scope.branchId()));
            time(name + " overall", runs, () -> 1, () -> queries.overall(scope));
            for (Breakdown by : Breakdown.values()) {
                if (by != Breakdown.HOUSEHOLD) {
                    time(name + " by " + by.parameter(), runs, null, () -> queries.by(by, scope, Locale.SIMPLIFIED_CHINESE));
                }
            }
            time(name + " households (distribution + top 20)", runs, null, () -> queries.households(scope, 20).distribution());
            if (!scope.isAll()) {
                time(name + " trend 36 months (live)", runs, null, () -> queries.trend(36, scope).points());
            }
        }

        System.out.println();
        if (Boolean.parseBoolean(options.getOrDefault("naive", "false"))) {
            time("naive: 120 month ends joined by range", 1, null, () -> naive(jdbc));
        }
        if (Boolean.parseBoolean(options.getOrDefault("rebuild", "true"))) {
            time("snapshots: rebuild all 120 month ends", 1, null, () -> inTransaction.execute(tx -> snapshotBatch.rebuild().monthEnds()));
        }
        jdbc.sql("delete from contracts_per_customer_monthly where month_end = (select max(month_end) from contracts_per_customer_monthly)").update();
        time("snapshots: nightly refresh (running month)", 1, null, () -> inTransaction.execute(tx -> snapshotBatch.refresh().monthEnds()));
        time("snapshots: refresh again (nothing to do)", 1, null, () -> inTransaction.execute(tx -> snapshotBatch.refresh().monthEnds()));
        time("ALL trend 36 months (from snapshots)", runs, null, () -> queries.trend(36, DataScope.all()).points());

        System.gc();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%nharness heap: %,d KB used after GC, %,d KB peak (sum of heap pools), max %,d MB%n",
                heapUsed / 1024, peak / 1024, Runtime.getRuntime().maxMemory() / 1024 / 1024);
        dataSource.destroy();
    }

    private static List<?> naive(JdbcClient jdbc) {
        MonthEnds ends = MonthEnds.lastN(LocalDate.now(), 120);
        return jdbc.sql("with " + ActiveOnDays.TARGETS + """
                select t.month_end, count(p.id), count(distinct p.holder_id)
                from targets t
                left join policy p on p.start_date <= t.as_of and p.end_date >= t.as_of
                                  and (p.terminated_on is null or p.terminated_on > t.as_of)
                group by t.month_end
                """).param("monthEnds", ends.monthEnds()).param("asOf", ends.asOf()).query().listOfRows();
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static void time(String name, int runs, Supplier<Integer> fixedRows, Supplier<?> work) {
        List<Long> millis = new ArrayList<>();
        Object result = null;
        for (int i = 0; i < Math.max(1, runs); i++) {
            long start = System.nanoTime();
            result = work.get();
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        List<Long> warm = new ArrayList<>(millis.subList(millis.size() > 1 ? 1 : 0, millis.size()));
        warm.sort(Long::compare);
        long median = warm.get(warm.size() / 2);
        int rows = fixedRows != null ? fixedRows.get() : result instanceof List<?> list ? list.size() : 1;
        System.out.printf("%-44s %10d %10s %8d%n", name, millis.get(0), millis.size() > 1 ? String.valueOf(median) : "-", rows);
    }
}
