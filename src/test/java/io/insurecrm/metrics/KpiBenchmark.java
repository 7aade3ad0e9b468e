package io.insurecrm.metrics;

import io.insurecrm.platform.security.DataScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
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
 */
public final class KpiBenchmark {

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: KpiBenchmark JDBC_URL [runs=3]");
            System.exit(2);
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1].replace("runs=", "")) : 3;
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
