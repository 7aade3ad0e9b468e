package io.insurecrm.importing;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.AuditEntry;
import io.insurecrm.privacy.AuditQuery;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRecord;
import io.insurecrm.privacy.ConsentRegistry;
import io.insurecrm.privacy.ConsentSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Consent columns of the customers profile: Y/N/blank per purpose, the time and the notice version, recorded with the
 * source IMPORTED; the same file again records nothing; a later N records a withdrawal; bad cells are error rows.
 */
@SpringBootTest(properties = "crm.import.chunk-size=2")
@AutoConfigureMockMvc
class ImportConsentTests {

    static final String HEADER = "姓名,身份证号,省份,城市,代理人工号,营销同意,consent_analytics,consent_sensitive_data,"
            + "consent_recorded_at,notice_version\n";

    @Autowired
    ImportManagement imports;
    @Autowired
    ConsentRegistry consents;
    @Autowired
    AccessAudit audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    java.time.Clock clock;
    @Autowired
    io.insurecrm.customer.IdNumberProtection idNumbers;

    String agentCode;

    @BeforeEach
    void book() {
        BookFixtures book = new BookFixtures(jdbc);
        agentCode = jdbc.sql("select code from agent where id = :id").param("id", book.agent(book.branch("33")))
                .query(String.class).single();
        Staff.signInOnThread(Role.ADMIN, null, null);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private ImportJob upload(String csv) {
        return imports.upload("consent.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "customers",
                "AUTO", new ImportRequester("admin", DataScope.all()));
    }

    private String row(String name, String id, String marketing, String analytics, String sensitive, String at, String notice) {
        return String.join(",", name, id, "浙江省", "杭州", agentCode, marketing, analytics, sensitive, at, notice) + "\n";
    }

    private long customer(String idNumber) {
        return jdbc.sql("select id from customer where id_number_bidx = :b").param("b", idNumbers.blindIndex(idNumber))
                .query(Long.class).single();
    }

    private List<ConsentRecord> history(long customer) {
        return consents.current(customer, DataScope.all()).history();
    }

    private static String id(int year) {
        return BookFixtures.idNumber("33", LocalDate.of(year, 6, 1), true);
    }

    @Test
    void consentColumnsAreRecordedAsImportedWithTimeAndNoticeAndTheSameFileAgainRecordsNothing() {
        String a = id(1970);
        String b = id(1971);
        String file = HEADER
                + row("甲", a, "Y", "Y", "", "2026-03-01 10:00", "v3")   // two grants, sensitive blank: nothing
                + row("乙", b, "", "", "", "", "");                      // no consent at all
        ImportJob job = upload(file);
        assertThat(job.rowsInvalid()).isZero();
        imports.commit(job.id(), DataScope.all());

        List<ConsentRecord> aHistory = history(customer(a));
        assertThat(aHistory).extracting(ConsentRecord::purpose, ConsentRecord::granted, ConsentRecord::source,
                        ConsentRecord::noticeVersion)
                .containsExactlyInAnyOrder(Tuple.tuple(ConsentPurpose.MARKETING, true, ConsentSource.IMPORTED, "v3"),
                        Tuple.tuple(ConsentPurpose.ANALYTICS, true, ConsentSource.IMPORTED, "v3"));
        assertThat(aHistory).extracting(ConsentRecord::recordedAt).containsOnly(
                LocalDate.of(2026, 3, 1).atTime(10, 0).atZone(clock.getZone()).toInstant());
        assertThat(aHistory).extracting(ConsentRecord::recordedBy).containsOnly("import job " + job.id());
        assertThat(history(customer(b))).isEmpty();
        List<AuditEntry> aAudit = audit.search(new AuditQuery(null, customer(a), AuditAction.IMPORT, null, null, 0, 50)).content();
        assertThat(aAudit).hasSize(1);
        assertThat(aAudit.get(0).fields()).contains("consent_marketing", "consent_analytics", "notice_version");

        ImportJob again = upload(file);
        assertThat(again.rowsUnchanged()).isEqualTo(2);
        imports.commit(again.id(), DataScope.all());
        assertThat(history(customer(a))).as("nothing new").hasSize(2);
        assertThat(audit.search(new AuditQuery(null, customer(a), AuditAction.IMPORT, null, null, 0, 50)).content()).hasSize(1);
    }

    @Test
    void aLaterWithdrawalInTheFileIsRecordedAndTakesTheCustomerOutOfTheAnalystsList() {
        String a = id(1972);
        imports.commit(upload(HEADER + row("丙", a, "", "Y", "Y", "2026-03-01", "v3")).id(), DataScope.all());
        long customer = customer(a);

        ImportJob withdrawal = upload(HEADER + row("丙", a, "", "N", "Y", "2026-04-01", "v4"));
        assertThat(withdrawal.rowsToUpdate()).as("a consent change alone is an update").isEqualTo(1);
        ImportJob done = imports.commit(withdrawal.id(), DataScope.all());
        assertThat(done.rowsUpdated()).isEqualTo(1);

        assertThat(consents.isGranted(customer, ConsentPurpose.ANALYTICS)).isFalse();
        assertThat(consents.isGranted(customer, ConsentPurpose.SENSITIVE_DATA)).isTrue();
        assertThat(history(customer)).hasSize(3);
        assertThat(history(customer).get(0).granted()).isFalse();
        assertThat(history(customer).get(0).noticeVersion()).isEqualTo("v4");
        assertThat(jdbc.sql("select count(*) from analyst_customer_removal where customer_id = :id and why = 'CONSENT_WITHDRAWN'")
                .param("id", customer).query(Integer.class).single()).as("withdrawn ANALYTICS leaves the list at once")
                .isEqualTo(1);
        AuditEntry latest = audit.search(new AuditQuery(null, customer, AuditAction.IMPORT, null, null, 0, 50)).content().get(0);
        assertThat(latest.fields()).containsExactly("consent_analytics");
        assertThat(latest.reason()).endsWith(": consent recorded");
    }

    @Test
    void anOlderFileDoesNotUndoALaterChange() {
        String a = id(1973);
        imports.commit(upload(HEADER + row("丁", a, "Y", "", "", "2026-03-01", "v3")).id(), DataScope.all());
        long customer = customer(a);
        consents.withdraw(customer, ConsentPurpose.MARKETING, ConsentSource.PHONE_RECORDED, "v3", DataScope.all());

        ImportJob old = upload(HEADER + row("丁", a, "Y", "", "", "2026-03-01", "v3"));
        assertThat(old.rowsUnchanged()).isEqualTo(1);
        imports.commit(old.id(), DataScope.all());
        assertThat(consents.isGranted(customer, ConsentPurpose.MARKETING)).isFalse();
    }

    @Test
    void badConsentCellsAreErrorRowsNamingRowColumnAndReason() {
        ImportJob job = upload(HEADER
                + row("戊", id(1974), "maybe", "", "", "", "v3")                        // row 2
                + row("己", id(1975), "Y", "", "", "", "")                              // row 3: no notice version
                + row("庚", id(1976), "", "N", "", "2099-01-01 00:00", "v3")            // row 4: in the future
                + row("辛", id(1977), "", "", "Y", "yesterday", "v3")                   // row 5: not a time
                + row("壬", id(1978), "是", "否", "", "", "v3"));                        // row 6: fine (Chinese Y/N)
        assertThat(job.rowsInvalid()).isEqualTo(4);
        assertThat(imports.errors(job.id(), 0, 50, DataScope.all()).content())
                .extracting(ImportRowError::rowNumber, ImportRowError::column, ImportRowError::reasonKey)
                .containsExactly(Tuple.tuple(2, "营销同意", "import.error.consent"),
                        Tuple.tuple(3, "notice_version", "import.error.noticeVersionRequired"),
                        Tuple.tuple(4, "consent_recorded_at", "import.error.consentInFuture"),
                        Tuple.tuple(5, "consent_recorded_at", "import.error.dateTime"));
        imports.commit(job.id(), DataScope.all());
        assertThat(jdbc.sql("select count(*) from customer where id_number_bidx = :b")
                .param("b", idNumbers.blindIndex(id(1974))).query(Integer.class).single()).isZero();
    }

    @Test
    void overTheApiTheImportRecordsConsentAndTheAuditNamesWhoAndFromWhere() throws Exception {
        SecurityContextHolder.clearContext();
        String a = id(1979);
        MockMultipartFile file = new MockMultipartFile("file", "api.csv", "text/csv",
                (HEADER + row("癸", a, "Y", "N", "", "2026-05-01 09:30", "v5")).getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/imports").file(file).param("profile", "customers").param("commit", "true")
                        .with(Staff.admin()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("COMMITTED"));
        long customer = customer(a);
        mvc.perform(get("/api/customers/{id}/consents", customer).with(Staff.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.history.length()").value(2))
                .andExpect(jsonPath("$.history[0].source").value("IMPORTED"))
                .andExpect(jsonPath("$.history[0].noticeVersion").value("v5"));
        mvc.perform(get("/api/audit/events").param("action", "IMPORT").param("customerId", String.valueOf(customer))
                        .with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].actor").value("admin"))
                .andExpect(jsonPath("$.content[0].remoteAddress").value("127.0.0.1"))
                .andExpect(jsonPath("$.content[0].customerId").value(customer));
    }
}
