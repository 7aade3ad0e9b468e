package io.insurecrm.segmentation;

import io.insurecrm.platform.security.DataScope;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The what-if preview's statement on a placed book, whole book in scope, each dimension with its active rules as the
 * proposal: as it was (the dimension's statement building every reason, {@link SegmentSql#of}) beside the segments
 * alone ({@link SegmentSql#segmentsOnly}), alternated round by round so both see the same load, and the two migration
 * matrices compared. Reads only. Not a test: {@code bench/segment-preview-sql.sh JDBC_URL [rounds=3]}.
 */
public final class PreviewSqlBenchmark {

    public static void main(String[] args) {
        int rounds = args.length > 1 ? Integer.parseInt(args[1].replace("rounds=", "")) : 3;
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(args[0], true);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("set jit = off").update();
        System.out.printf("book: %,d customers, %,d current placements; %d round(s), median shown%n",
                jdbc.sql("select count(*) from customer").query(Long.class).single(),
                jdbc.sql("select count(*) from segment_placement where valid_to is null").query(Long.class).single(), rounds);
        System.out.printf("%-12s %16s %16s %8s  %s%n", "dimension", "with reasons ms", "segments only ms", "change", "same matrix");
        for (Dimension dimension : Dimension.values()) {
            String rules = jdbc.sql("select rules::text from segment_rule_set where dimension = :d and active")
                    .param("d", dimension.name()).query(String.class).single();
            long[] with = new long[rounds];
            long[] without = new long[rounds];
            List<String> matrixWith = null;
            List<String> matrixWithout = null;
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                matrixWith = matrix(jdbc, SegmentSql.of(dimension, DataScope.predicate("c"), SegmentSql.PROPOSED_RULES), dimension, rules);
                with[r] = (System.nanoTime() - t) / 1_000_000;
                t = System.nanoTime();
                matrixWithout = matrix(jdbc, SegmentSql.segmentsOnly(dimension, DataScope.predicate("c"), SegmentSql.PROPOSED_RULES),
                        dimension, rules);
                without[r] = (System.nanoTime() - t) / 1_000_000;
            }
            long a = median(with);
            long b = median(without);
            System.out.printf("%-12s %,16d %,16d %7.0f%%  %s%n", dimension, a, b, 100.0 * (b - a) / a,
                    matrixWith.equals(matrixWithout) ? "yes" : "NO: " + matrixWith + " / " + matrixWithout);
        }
    }

    private static List<String> matrix(JdbcClient jdbc, String select, Dimension dimension, String rules) {
        return jdbc.sql(SegmentRules.migrationMatrix(select))
                .param("proposedRules", rules).param("dimension", dimension.name()).param("today", LocalDate.now())
                .param("scopeAll", true).param("scopeAgent", null).param("scopeBranch", null)
                .query((rs, n) -> rs.getString("from_segment") + ">" + rs.getString("to_segment") + "=" + rs.getLong("customers"))
                .list();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private PreviewSqlBenchmark() {
    }
}
