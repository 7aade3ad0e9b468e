package io.insurecrm.importing;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.AuditEntry;
import io.insurecrm.privacy.AuditQuery;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every import's commit is in the access audit: one IMPORT row per customer created or changed, written in the chunk's
 * transaction (so a chunk and its rows commit together, and a chunk rolled back leaves none), plus the job's own row.
 * Chunks of 2 rows so a few rows make several chunks.
 */
@SpringBootTest(properties = "crm.import.chunk-size=2")
class ImportAuditTests {

    static final String HEADER = "姓名,身份证号,手机号,省份,城市,代理人工号\n";

    @Autowired
    ImportManagement imports;
    @Autowired
    AccessAudit audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.insurecrm.customer.IdNumberProtection idNumbers;

    BookFixtures book;
    String agentCode;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        agentCode = jdbc.sql("select code from agent where id = :id").param("id", book.agent(branch)).query(String.class).single();
        Staff.signInOnThread(Role.ADMIN, null, null);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        imports.onChunkApplied(null);
    }

    private ImportJob upload(String name, String csv) {
        return imports.upload(name, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "customers", "AUTO",
                new ImportRequester("admin", DataScope.all()));
    }

    private String row(String name, String idNumber, String phone, String city) {
        return String.join(",", name, idNumber, phone, "浙江省", city, agentCode) + "\n";
    }

    private long customer(String idNumber) {
        return jdbc.sql("select id from customer where id_number_bidx = :b").param("b", idNumbers.blindIndex(idNumber))
                .query(Long.class).single();
    }

    /** The IMPORT rows of a customer, oldest first. */
    private List<AuditEntry> importRows(long customerId) {
        List<AuditEntry> rows = new java.util.ArrayList<>(
                audit.search(new AuditQuery(null, customerId, AuditAction.IMPORT, null, null, 0, 200)).content());
        java.util.Collections.reverse(rows);
        return rows;
    }

    @Test
    void aCommittedCustomerImportRecordsOneRowPerCustomerWrittenWithWhoWhichJobAndWhichFields() {
        String a = BookFixtures.idNumber("33", LocalDate.of(1980, 1, 1), true);
        String b = BookFixtures.idNumber("33", LocalDate.of(1981, 2, 2), false);
        String c = BookFixtures.idNumber("33", LocalDate.of(1982, 3, 3), true);
        ImportJob first = upload("book.csv", HEADER + row("甲", a, BookFixtures.mobile(), "杭州")
                + row("乙", b, BookFixtures.mobile(), "杭州") + row("丙", c, "", "杭州"));
        imports.commit(first.id(), DataScope.all());

        for (String id : List.of(a, b, c)) {
            List<AuditEntry> rows = importRows(customer(id));
            assertThat(rows).hasSize(1);
            AuditEntry entry = rows.get(0);
            assertThat(entry.actor()).isEqualTo("admin");
            assertThat(entry.actorRole()).isEqualTo("ADMIN");
            assertThat(entry.customerId()).isEqualTo(customer(id));
            assertThat(entry.fields()).as("a created customer: the columns the job mapped")
                    .containsExactly("name", "id_number", "phone", "region", "city", "agent_code");
            assertThat(entry.reason()).startsWith("import job " + first.id() + " (book.csv, CUSTOMER), chunk ")
                    .endsWith(": created");
        }
        assertThat(importRows(customer(a)).get(0).reason()).contains("chunk 1:");
        assertThat(importRows(customer(c)).get(0).reason()).contains("chunk 2:");
        assertThat(jdbc.sql("select fields from audit_event where action = 'IMPORT' and customer_id is null and actor = 'admin' "
                        + "and reason like :r").param("r", "import job " + first.id() + " (book.csv, CUSTOMER) COMMITTED: 3 created%")
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).list())
                .as("the job's own row, with the mapped columns")
                .containsExactly(List.of("name", "id_number", "phone", "region", "city", "agent_code"));

        // a second file changes b's phone and city and leaves a alone: only b gets a row, naming what changed
        String newPhone = BookFixtures.mobile();
        ImportJob second = upload("changes.csv", HEADER + row("甲", a, "", "杭州") + row("乙", b, newPhone, "宁波"));
        imports.commit(second.id(), DataScope.all());
        assertThat(importRows(customer(a))).hasSize(1);
        List<AuditEntry> bRows = importRows(customer(b));
        assertThat(bRows).hasSize(2);
        assertThat(bRows.get(1).fields()).containsExactly("phone", "city");
        assertThat(bRows.get(1).reason()).startsWith("import job " + second.id() + " (changes.csv, CUSTOMER), chunk 1")
                .endsWith(": updated");

        // the same file again changes nothing and names nobody
        ImportJob again = upload("changes.csv", HEADER + row("甲", a, "", "杭州") + row("乙", b, newPhone, "宁波"));
        imports.commit(again.id(), DataScope.all());
        assertThat(importRows(customer(b))).hasSize(2);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'IMPORT' and customer_id is not null "
                + "and reason like :r").param("r", "import job " + again.id() + " (%").query(Integer.class).single()).isZero();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aChunkRolledBackTakesItsAuditRowsWithItAndTheResumeRecordsThemOnce() {
        List<String> ids = List.of(BookFixtures.idNumber("33", LocalDate.of(1970, 1, 1), true),
                BookFixtures.idNumber("33", LocalDate.of(1971, 1, 1), true),
                BookFixtures.idNumber("33", LocalDate.of(1972, 1, 1), true),
                BookFixtures.idNumber("33", LocalDate.of(1973, 1, 1), true));
        StringBuilder csv = new StringBuilder(HEADER);
        for (String id : ids) {
            csv.append(row("客户" + id.substring(14), id, "", "杭州"));
        }
        ImportJob job = upload("crash.csv", csv.toString());
        imports.onChunkApplied((jobId, chunk) -> {
            if (chunk == 1) {
                throw new IllegalStateException("simulated crash in chunk 2");
            }
        });
        assertThatThrownBy(() -> imports.commit(job.id(), DataScope.all())).hasMessageContaining("simulated crash");

        assertThat(importRows(customer(ids.get(0)))).hasSize(1);
        assertThat(importRows(customer(ids.get(1)))).hasSize(1);
        assertThat(jdbc.sql("select count(*) from customer where id_number_bidx = :b")
                .param("b", idNumbers.blindIndex(ids.get(2))).query(Integer.class).single()).as("chunk 2 rolled back").isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'IMPORT' and customer_id is null and reason like :r")
                .param("r", "import job " + job.id() + " (crash.csv, CUSTOMER) stopped after 1 of 2 chunks%")
                .query(Integer.class).single()).as("the stop is on record").isEqualTo(1);
        for (String table : List.of("audit_pending", "audit_event")) {
            assertThat(jdbc.sql("select count(*) from " + table + " where reason like :r")
                    .param("r", "import job " + job.id() + " (crash.csv, CUSTOMER), chunk 2%").query(Integer.class).single())
                    .as("the rolled-back chunk left no audit row, pending or chained, in " + table).isZero();
        }
        assertThat(jdbc.sql("select count(*) from audit_pending where reason like :r")
                .param("r", "import job " + job.id() + " (%").query(Integer.class).single())
                .as("the stopped commit waited for its rows to be chained").isZero();

        imports.onChunkApplied(null);
        imports.commit(job.id(), DataScope.all());
        for (String id : ids) {
            assertThat(importRows(customer(id))).as("exactly one row per customer after the resume").hasSize(1);
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aCustomerImportedIsFoundByTheComplianceSearchByActionAndCustomer() {
        String a = BookFixtures.idNumber("33", LocalDate.of(1985, 5, 5), false);
        ImportJob job = upload("one.csv", HEADER + row("丁", a, "", "杭州"));
        imports.commit(job.id(), DataScope.all());
        long id = customer(a);
        assertThat(audit.search(new AuditQuery(null, id, null, null, null, 0, 50)).content())
                .extracting(AuditEntry::action).contains("IMPORT");
        assertThat(audit.search(new AuditQuery("admin", null, AuditAction.IMPORT, LocalDate.now().minusDays(1), null, 0, 200))
                .content()).extracting(AuditEntry::customerId).contains(id);
    }

    @Test
    void columnNamesAreTheProfileFieldsInSnakeCase() {
        assertThat(ImportManagement.snakeCase("idNumber")).isEqualTo("id_number");
        assertThat(ImportManagement.snakeCase("consentSensitiveData")).isEqualTo("consent_sensitive_data");
        assertThat(ImportManagement.snakeCase("city")).isEqualTo("city");
    }
}
