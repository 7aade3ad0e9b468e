package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The compliance CSV export and GET /api/audit/events list the rows recorded but not yet chained (an import's) with
 * the chained ones, each with its state: pending rows first, newest first, without seq and hash, under the same search.
 * The audit writer is held off by taking the chain's lock; the export records itself before it reads, through the
 * writer, so there the lock is taken right after that record (a spy on the real AccessAudit).
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditExportPendingTests {

    @MockitoSpyBean
    AccessAudit audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MockMvc mvc;

    private final StaffPrincipal compliance = new StaffPrincipal(79L, BookFixtures.unique("compliance"), "{noop}x", "合规",
            Role.COMPLIANCE, null, null, true);

    private static AuditActor actor(String name) {
        return new AuditActor(name, "ADMIN", "10.0.0.8");
    }

    /** Two pending rows for customers {@code first} and {@code first + 1}, committed (in that order). */
    private void recordPending(String who, long first, String reason) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> audit.recordForCustomers(actor(who),
                AuditAction.IMPORT, List.of(new AccessAudit.CustomerFields(first, List.of("phone"), null),
                        new AccessAudit.CustomerFields(first + 1, List.of("phone", "city"), "updated")), reason));
    }

    private int pendingOf(String who) {
        return jdbc.sql("select count(*) from audit_pending where actor = :a").param("a", who).query(Integer.class).single();
    }

    @Test
    void theCsvExportListsPendingRowsFirstMarkedPendingWithoutSeqOrHashAfterItsOwnRecord() throws Exception {
        String who = BookFixtures.unique("exported");
        // chained before: a view by the same actor
        AuditEntry chained = audit.recordAs(who, "AGENT", AuditAction.VIEW_CUSTOMER, 960L, List.of("profile"), "+chained view");
        ChainLockHeld[] lock = new ChainLockHeld[1];
        // the export records itself first (through the writer); right after that the writer is held off and an import's
        // rows are committed: they are pending when the export reads
        doAnswer(invocation -> {
            Object recorded = invocation.callRealMethod();
            if (lock[0] != null) {
                return recorded;
            }
            lock[0] = new ChainLockHeld(transactions, jdbc);
            recordPending(who, 961, "=import job 8 (a.csv, CUSTOMER), chunk 1");
            return recorded;
        }).when(audit).record(eq(AuditAction.AUDIT_EXPORT), any(), any(), any());
        String csv;
        try {
            csv = mvc.perform(get("/audit.csv").param("actor", who).with(Staff.signedIn(compliance)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(pendingOf(who)).as("still pending after the export").isEqualTo(2);
        } finally {
            if (lock[0] != null) {
                lock[0].close();
            }
        }
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.substring(csv.indexOf('s')))).getRecords();
        assertThat(csv).startsWith("\uFEFFseq,occurred_at,actor,role,action,customer_id,fields,reason,remote_address,hash,state\r\n");
        assertThat(rows).extracting(r -> r.get("state")).containsExactly("PENDING", "PENDING", "CHAINED");
        assertThat(rows).extracting(r -> r.get("customer_id")).containsExactly("962", "961", "960");
        assertThat(rows).extracting(r -> r.get("seq")).containsExactly("", "", String.valueOf(chained.seq()));
        assertThat(rows).extracting(r -> r.get("hash")).containsExactly("", "", chained.hash());
        assertThat(rows).extracting(r -> r.get("reason")).as("formula cells neutralised, pending ones too").containsExactly(
                "'=import job 8 (a.csv, CUSTOMER), chunk 1: updated", "'=import job 8 (a.csv, CUSTOMER), chunk 1",
                "'+chained view");
        assertThat(rows.get(0).get("fields")).isEqualTo("phone city");
        assertThat(rows.get(0).get("action")).isEqualTo("IMPORT");
        assertThat(rows.get(0).get("remote_address")).isEqualTo("10.0.0.8");
        // the export's own record was written before the rows were read (and chained, with the search as its reason)
        AuditEntry exported = audit.search(new AuditQuery(compliance.username(), null, AuditAction.AUDIT_EXPORT, null, null, 0, 5))
                .content().get(0);
        assertThat(exported.reason()).contains("actor=" + who);

        audit.chainPending(Duration.ofSeconds(30));
        String after = mvc.perform(get("/audit.csv").param("actor", who).param("lang", "en").with(Staff.signedIn(compliance)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<CSVRecord> chainedRows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(after.substring(after.indexOf('s')))).getRecords();
        assertThat(after).as("the header is not localised").contains("remote_address,hash,state\r\n");
        assertThat(chainedRows).extracting(r -> r.get("state")).containsExactly("CHAINED", "CHAINED", "CHAINED");
        assertThat(chainedRows).extracting(r -> r.get("customer_id")).as("chained in id order after the view")
                .containsExactly("962", "961", "960");
        assertThat(chainedRows).allSatisfy(r -> assertThat(r.get("seq")).isNotEmpty());
    }

    @Test
    void theApiListsPendingRowsFirstWithTheirStateAndPagesOverBoth() throws Exception {
        String who = BookFixtures.unique("listed");
        long firstSeq = audit.recordAs(who, "AGENT", AuditAction.VIEW_CUSTOMER, 970L, List.of("profile"), "view 1").seq();
        audit.recordAs(who, "AGENT", AuditAction.VIEW_CUSTOMER, 971L, List.of("profile"), "view 2");
        long lastSeq = audit.recordAs(who, "AGENT", AuditAction.EXPORT, null, List.of("name"), "export").seq();
        try (ChainLockHeld lock = new ChainLockHeld(transactions, jdbc)) {
            recordPending(who, 972, "import job 9 (b.csv, CUSTOMER), chunk 1");

            mvc.perform(get("/api/audit/events").param("actor", who).param("size", "3").with(Staff.signedIn(compliance)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(5))
                    .andExpect(jsonPath("$.content.length()").value(3))
                    .andExpect(jsonPath("$.content[0].state").value("PENDING"))
                    .andExpect(jsonPath("$.content[0].customerId").value(973))
                    .andExpect(jsonPath("$.content[0].seq").doesNotExist())
                    .andExpect(jsonPath("$.content[0].hash").doesNotExist())
                    .andExpect(jsonPath("$.content[0].reason").value("import job 9 (b.csv, CUSTOMER), chunk 1: updated"))
                    .andExpect(jsonPath("$.content[1].state").value("PENDING"))
                    .andExpect(jsonPath("$.content[1].customerId").value(972))
                    .andExpect(jsonPath("$.content[2].state").value("CHAINED"))
                    .andExpect(jsonPath("$.content[2].seq").value(lastSeq))
                    .andExpect(jsonPath("$.content[2].hash").isString());
            // page 1 of 2 a page: past the two pending rows, the chained ones from the highest seq
            mvc.perform(get("/api/audit/events").param("actor", who).param("size", "2").param("page", "1")
                            .with(Staff.signedIn(compliance)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(5))
                    .andExpect(jsonPath("$.content.length()").value(2))
                    .andExpect(jsonPath("$.content[0].state").value("CHAINED"))
                    .andExpect(jsonPath("$.content[0].seq").value(lastSeq))
                    .andExpect(jsonPath("$.content[1].customerId").value(971));
            mvc.perform(get("/api/audit/events").param("actor", who).param("size", "2").param("page", "2")
                            .with(Staff.signedIn(compliance)))
                    .andExpect(jsonPath("$.content.length()").value(1))
                    .andExpect(jsonPath("$.content[0].seq").value(firstSeq));
            // the search's criteria apply to the pending rows: customer, action, dates
            mvc.perform(get("/api/audit/events").param("actor", who).param("customerId", "972").with(Staff.signedIn(compliance)))
                    .andExpect(jsonPath("$.total").value(1))
                    .andExpect(jsonPath("$.content[0].state").value("PENDING"));
            mvc.perform(get("/api/audit/events").param("actor", who).param("action", "IMPORT").with(Staff.signedIn(compliance)))
                    .andExpect(jsonPath("$.total").value(2));
            mvc.perform(get("/api/audit/events").param("actor", who).param("action", "VIEW_CUSTOMER").with(Staff.signedIn(compliance)))
                    .andExpect(jsonPath("$.total").value(2))
                    .andExpect(jsonPath("$.content[0].state").value("CHAINED"));
            mvc.perform(get("/api/audit/events").param("actor", who).param("from", LocalDate.now().plusDays(2).toString())
                            .with(Staff.signedIn(compliance)))
                    .andExpect(jsonPath("$.total").value(0));
            assertThat(pendingOf(who)).isEqualTo(2);
        }
        audit.chainPending(Duration.ofSeconds(30));
        mvc.perform(get("/api/audit/events").param("actor", who).param("size", "3").with(Staff.signedIn(compliance)))
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.content[0].state").value("CHAINED"))
                .andExpect(jsonPath("$.content[0].customerId").value(973))
                .andExpect(jsonPath("$.content[0].seq").isNumber());
    }
}
