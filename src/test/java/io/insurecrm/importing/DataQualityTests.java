package io.insurecrm.importing;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of the data-quality report against a book whose changes the test knows: the database is shared with
 * other tests, so counts are checked as the difference between a snapshot before and one after, and completeness
 * against the counts of the book itself.
 */
@SpringBootTest
class DataQualityTests {

    @Autowired
    DataQuality quality;
    @Autowired
    ImportManagement imports;
    @Autowired
    JdbcClient jdbc;

    private static long number(DataQuality.Snapshot snapshot, String path) {
        return ((Number) snapshot.figure(path)).longValue();
    }

    private double ratio(String column, String kind) {
        return jdbc.sql("select round(count(" + column + ")::numeric / greatest(count(*), 1), 4) from customer where kind = :k")
                .param("k", kind).query(Double.class).single();
    }

    @Test
    void countsCompletenessAndInvalidValuesFollowTheBook() {
        BookFixtures book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        long agent = book.agent(branch);
        DataQuality.Snapshot before = quality.take(null);

        book.individual("资料齐全", LocalDate.of(1980, 1, 1), true, "33", agent);         // phone, occupation, income, marital
        long bare = book.individual("资料缺项", agent, branch, "33", LocalDate.of(1990, 1, 1)); // no occupation, income, marital
        long unborn = book.individual("未来出生", LocalDate.of(1985, 5, 5), false, "33", agent);
        long firm = book.corporate("质量测试企业", "33", agent);
        jdbc.sql("update customer set phone = '12345' where id = :id").param("id", bare).update();
        jdbc.sql("update customer set birth_date = current_date + 30 where id = :id").param("id", unborn).update();
        jdbc.sql("update customer set industry = null where id = :id").param("id", firm).update();
        DataQuality.Snapshot after = quality.take(null);

        assertThat(number(after, "customers") - number(before, "customers")).isEqualTo(4);
        assertThat(number(after, "individuals") - number(before, "individuals")).isEqualTo(3);
        assertThat(number(after, "corporates") - number(before, "corporates")).isEqualTo(1);
        assertThat(number(after, "invalid.phone") - number(before, "invalid.phone")).as("the phone 12345").isEqualTo(1);
        assertThat(number(after, "invalid.birth_date") - number(before, "invalid.birth_date")).as("born next month")
                .isEqualTo(1);
        assertThat(number(after, "invalid.id_number") - number(before, "invalid.id_number"))
                .as("every number the fixtures write is valid").isZero();

        for (String field : List.of("occupation", "income_band", "marital_status")) {
            assertThat(((Number) after.figure("completeness." + field)).doubleValue()).as(field)
                    .isEqualTo(ratio(field, "INDIVIDUAL"));
        }
        assertThat(((Number) after.figure("completeness.industry")).doubleValue()).isEqualTo(ratio("industry", "CORPORATE"));
        assertThat(((Number) after.figure("completeness.occupation")).doubleValue()).as("a customer without occupation")
                .isLessThan(1.0);
        assertThat(number(after, "policies")).isEqualTo(
                jdbc.sql("select count(*) from policy").query(Long.class).single());
    }

    @Test
    void anImportStoresASnapshotWithItsOrphansAndTheTrendListsSnapshotsOldestFirst() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String agentCode = jdbc.sql("select code from agent where id = :id").param("id", agent).query(String.class).single();
        long holder = book.individual("质量投保人", agent);
        long product = book.product("质量测试险", "Quality test", "CRITICAL_ILLNESS", "ADVANCED");
        String productCode = jdbc.sql("select code from product where id = :id").param("id", product)
                .query(String.class).single();
        long unknown = jdbc.sql("select coalesce(max(id), 0) + 1000000 from customer").query(Long.class).single();
        DataQuality.Snapshot before = quality.take(null);

        String csv = ImportPoliciesClaimsInteractionsTests.POLICY_HEADER
                + row(BookFixtures.unique("DQ"), holder, productCode, agentCode)
                + row(BookFixtures.unique("DQ"), unknown, productCode, agentCode)
                + row(BookFixtures.unique("DQ"), unknown + 1, productCode, agentCode);
        ImportJob job = imports.upload("dq.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                "policies", "AUTO", ImportRequester.commandLine());
        assertThat(job.rowsInvalid()).isEqualTo(2);
        imports.commit(job.id(), DataScope.all());

        DataQuality.Snapshot afterImport = quality.latest().orElseThrow();
        assertThat(afterImport.jobId()).as("the commit took the snapshot").isEqualTo(job.id());
        assertThat(number(afterImport, "orphans.ofThisRun")).isEqualTo(2);
        assertThat(number(afterImport, "orphans.allRuns") - number(before, "orphans.allRuns")).isEqualTo(2);
        assertThat(number(afterImport, "policies") - number(before, "policies")).isEqualTo(1);

        List<DataQuality.Snapshot> trend = quality.trend(2);
        assertThat(trend).extracting(DataQuality.Snapshot::id).containsExactly(before.id(), afterImport.id());
        assertThat(trend.get(0).takenAt()).isBeforeOrEqualTo(trend.get(1).takenAt());
    }

    private static String row(String number, long customer, String productCode, String agentCode) {
        return String.join(",", number, String.valueOf(customer), "", productCode, "100", "年缴", "500000",
                "2025-01-01", "", "有效", "", agentCode) + "\n";
    }
}
