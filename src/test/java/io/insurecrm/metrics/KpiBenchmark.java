package io.insurecrm.metrics;

import io.insurecrm.platform.security.DataScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Times every key figure by every breakdown on an existing, placed book, whole book in scope, as the page runs them
 * (docs/metrics.md "Key figures beside 客均合同"): the year up to today, and by segment also a year that ended a year
 * ago — the segment then read from the placement history instead of the current placements — the two alternated
 * run by run so they see the same load; each as other roles run it (k = 0) and as analysts do (k = 5: each group's
 * customers counted). The segment pair is run {@code runs} times (median shown), the other breakdowns once. Reads
 * only. Not a test: {@code bench/kpis.sh JDBC_URL [runs=3]}.
 *
 * <p>With {@code months=only} it times the breakdown by month alone, the per-month loop of TOTAL statements (as
 * before) against the one statement grouped by month ({@link KpiMonths}), alternated run by run (which goes first
 * too), each as other roles and as analysts, and checks that both give the same figures (exit status 1 if not).
 */
public final class KpiBenchmark {

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: KpiBenchmark JDBC_URL [runs=3] [months=only]");
            System.exit(2);
        }
        int runs = 3;
        boolean monthsOnly = false;
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            if (arg.startsWith("runs=")) {
                runs = Integer.parseInt(arg.substring("runs=".length()));
            } else if (arg.equals("months=only")) {
                monthsOnly = true;
            } else {
                System.err.println("unknown argument " + arg + "; usage: KpiBenchmark JDBC_URL [runs=3] [months=only]");
                System.exit(2);
            }
        }
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(args[0], true);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/metrics", "i18n/segmentation");
        messages.setDefaultEncoding("UTF-8");
        Clock clock = Clock.systemDefaultZone();
        Kpis kpis = new Kpis(jdbc, clock, messages);
        LocalDate to = LocalDate.now(clock).plusDays(1);
        LocalDate from = to.minusYears(1);
        LocalDate pastTo = from;
        LocalDate pastFrom = pastTo.minusYears(1);
        System.out.printf("book: %,d customers, %,d policies, %,d claims, %,d interactions; %,d current placements, "
                        + "%,d placement rows in all; by segment %d run(s) each, median shown; other breakdowns once%n",
                count(jdbc, "customer"), count(jdbc, "policy"), count(jdbc, "claim"), count(jdbc, "interaction"),
                jdbc.sql("select count(*) from segment_placement where valid_to is null").query(Long.class).single(),
                count(jdbc, "segment_placement"), runs);
        if (monthsOnly) {
            System.exit(months(kpis, from, to, runs) ? 0 : 1);
        }
        System.out.printf("period [%s, %s); past period [%s, %s)%n", from, to, pastFrom, pastTo);
        System.out.printf("%-16s %-26s %12s %12s %8s%n", "figure", "breakdown", "others ms", "analysts ms", "groups");
        for (Kpi kpi : Kpi.values()) {
            for (KpiGroup group : KpiGroup.values()) {
                if (!kpi.groups().contains(group)) {
                    continue;
                }
                if (group == KpiGroup.SEGMENT) {
                    // the current placements and the history, alternated
                    long[][] current = new long[2][runs];
                    long[][] history = new long[2][runs];
                    int[] groups = new int[2];
                    for (int r = 0; r < runs; r++) {
                        for (int k = 0; k < 2; k++) {
                            int kk = k * 5;
                            current[k][r] = time(() -> groups[0] = kpis.figures(kpi, group, "VALUE", from, to, DataScope.all(), false, kk).size());
                            history[k][r] = time(() -> groups[1] = kpis.figures(kpi, group, "VALUE", pastFrom, pastTo, DataScope.all(), false, kk).size());
                        }
                    }
                    line(kpi, "segment VALUE (current)", current, groups[0]);
                    line(kpi, "segment VALUE (history)", history, groups[1]);
                    continue;
                }
                // the other breakdowns once each (every month of a year is twelve statements): an order of magnitude
                long[][] times = new long[2][1];
                int[] groups = new int[1];
                for (int r = 0; r < 1; r++) {
                    for (int k = 0; k < 2; k++) {
                        int kk = k * 5;
                        times[k][r] = time(() -> groups[0] = kpis.figures(kpi, group, from, to, DataScope.all(), false, kk).size());
                    }
                }
                line(kpi, group.parameter(), times, groups[0]);
            }
        }
    }

    /** Per figure: the per-month loop against the one statement, alternated; true when every figure is the same. */
    private static boolean months(Kpis kpis, LocalDate from, LocalDate to, int runs) {
        System.out.printf("by month [%s, %s): %d months; per-month loop (old) and one statement (new) alternated %d times, "
                + "median shown%n", from, to, KpiMonths.of(from, to).size(), runs);
        System.out.printf("%-16s %12s %12s %14s %14s %6s%n", "figure", "old ms", "new ms", "old analysts", "new analysts",
                "same");
        boolean allSame = true;
        for (Kpi kpi : Kpi.values()) {
            long[][] old = new long[2][runs];
            long[][] fresh = new long[2][runs];
            boolean same = true;
            for (int r = 0; r < runs; r++) {
                for (int k = 0; k < 2; k++) {
                    boolean counted = k == 1;
                    List<List<KpiFigure>> results = new ArrayList<>(List.of(List.of(), List.of()));
                    Runnable oldWay = () -> results.set(0, kpis.byMonthOneStatementPerMonth(kpi, from, to, DataScope.all(), counted));
                    Runnable newWay = () -> results.set(1, kpis.byMonth(kpi, from, to, DataScope.all(), counted));
                    if (r % 2 == 0) {
                        old[k][r] = time(oldWay);
                        fresh[k][r] = time(newWay);
                    } else {
                        fresh[k][r] = time(newWay);
                        old[k][r] = time(oldWay);
                    }
                    if (!results.get(0).equals(results.get(1))) {
                        same = false;
                        System.out.printf("  %s %s: differ%n    old %s%n    new %s%n", kpi, counted ? "analysts" : "others",
                                results.get(0), results.get(1));
                    }
                }
            }
            allSame &= same;
            System.out.printf("%-16s %,12d %,12d %,14d %,14d %6s%n", kpi, median(old[0]), median(fresh[0]), median(old[1]),
                    median(fresh[1]), same ? "yes" : "NO");
        }
        return allSame;
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static void line(Kpi kpi, String breakdown, long[][] times, int groups) {
        System.out.printf("%-16s %-26s %,12d %,12d %8d%n", kpi, breakdown, median(times[0]), median(times[1]), groups);
    }

    private static long time(Runnable run) {
        long t = System.nanoTime();
        run.run();
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private KpiBenchmark() {
    }
}
