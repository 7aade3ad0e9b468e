package io.insurecrm.portal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The service assistant's benchmark (bench/portal.sh, docs/benchmarks.md "Portal"): builds the index from the clauses
 * and FAQ of a database, then answers the 50 typical questions of src/test/resources/portal/assistant-questions.csv
 * a number of rounds and reports the index build time, answer time percentiles and how many questions get the
 * expected clause first. Not a test.
 *
 *   java -cp ... io.insurecrm.portal.AssistantBenchmark 'jdbc:postgresql://127.0.0.1:5432/bench_portal?user=postgres' [rounds=200]
 */
public final class AssistantBenchmark {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<AssistantIndex.Entry> entries = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url)) {
            try (ResultSet rs = connection.createStatement().executeQuery("select code, line, title, body from portal_clause order by code")) {
                while (rs.next()) {
                    entries.add(new AssistantIndex.Entry("CLAUSE", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(4)));
                }
            }
            try (ResultSet rs = connection.createStatement().executeQuery("""
                    select f.code, coalesce(f.line, c.line, 'GENERAL'), f.question, f.answer, f.clause_code
                      from portal_faq f left join portal_clause c on c.code = f.clause_code order by f.code""")) {
                while (rs.next()) {
                    entries.add(new AssistantIndex.Entry("FAQ", rs.getString(5), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(4)));
                }
            }
        }
        long buildStart = System.nanoTime();
        AssistantIndex index = new AssistantIndex(entries, ServiceAssistant.MIN_SCORE, ServiceAssistant.MIN_MATCHED);
        double buildMillis = (System.nanoTime() - buildStart) / 1e6;
        List<String[]> questions = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                AssistantBenchmark.class.getResourceAsStream("/portal/assistant-questions.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("question,")) {
                    int comma = line.lastIndexOf(',');
                    questions.add(new String[] {line.substring(0, comma), line.substring(comma + 1)});
                }
            }
        }
        int right = 0;
        for (String[] q : questions) {
            String got = index.best(q[0]).map(h -> h.entry() == null ? "none" : h.entry().source()).orElse("none");
            right += got.equals(q[1]) ? 1 : 0;
        }
        for (int i = 0; i < 20; i++) {
            for (String[] q : questions) {
                index.best(q[0]);
            }
        }
        long[] nanos = new long[rounds * questions.size()];
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (String[] q : questions) {
                long start = System.nanoTime();
                index.best(q[0]);
                nanos[n++] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("assistant: %d entries, index built in %.1f ms%n", entries.size(), buildMillis);
        System.out.printf("assistant: right clause first for %d of %d questions%n", right, questions.size());
        System.out.printf("assistant answer (search only, one thread, %d answers) p50=%.3f ms p99=%.3f ms max=%.3f ms%n",
                nanos.length, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6);
    }
}
