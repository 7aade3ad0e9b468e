package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bulk audit rows (an import chunk's) are written unchained to audit_pending in the caller's transaction and chained
 * into audit_event by the audit writer once committed: views audited meanwhile do not wait for the bulk transaction,
 * a rolled-back transaction leaves nothing, the pending table refuses changes, a repeated move chains nothing twice,
 * and verify and the compliance page show pending rows as pending.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditPendingTests {

    static final long CHAIN_LOCK = ChainLockHeld.CHAIN_LOCK;

    @Autowired
    AccessAudit audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    MockMvc mvc;

    private TransactionTemplate tx() {
        return new TransactionTemplate(transactions);
    }

    private static AuditActor actor(String name) {
        return new AuditActor(name, "ADMIN", "10.0.0.9");
    }

    private static List<AccessAudit.CustomerFields> customers(long... ids) {
        List<AccessAudit.CustomerFields> rows = new ArrayList<>();
        for (long id : ids) {
            rows.add(new AccessAudit.CustomerFields(id, List.of("phone", "city"), id % 2 == 0 ? "updated" : null));
        }
        return rows;
    }

    private int pendingOf(String actor) {
        return jdbc.sql("select count(*) from audit_pending where actor = :a").param("a", actor).query(Integer.class).single();
    }

    private List<AuditEntry> chainedOf(String actor) {
        List<AuditEntry> rows = new ArrayList<>(audit.search(new AuditQuery(actor, null, null, null, null, 0, 100)).content());
        java.util.Collections.reverse(rows);
        return rows;
    }

    @Test
    void pendingRowsAreChainedByTheWriterInIdOrderWithWhatWasRecordedAndTheChainVerifies() {
        String who = BookFixtures.unique("importer");
        Instant before = clock.instant().minusSeconds(1);
        int recorded = tx().execute(status -> {
            int n = audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(901, 902, 903), "import job 1 (a.csv, CUSTOMER), chunk 1");
            audit.recordInTransaction(actor(who), AuditAction.IMPORT, null, List.of("name"), "import job 1 COMMITTED");
            // in the caller's transaction: pending, not in the chain
            assertThat(pendingOf(who)).isEqualTo(4);
            assertThat(chainedOf(who)).isEmpty();
            return n;
        });
        assertThat(recorded).isEqualTo(3);

        // nobody asks: the writer finds the committed rows on its own (woken by the commit, else within a second)
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingOf(who) == 0 && chainedOf(who).size() == 4);
        List<AuditEntry> rows = chainedOf(who);
        assertThat(rows).extracting(AuditEntry::customerId).containsExactly(901L, 902L, 903L, null);
        assertThat(rows).extracting(AuditEntry::reason).containsExactly("import job 1 (a.csv, CUSTOMER), chunk 1",
                "import job 1 (a.csv, CUSTOMER), chunk 1: updated", "import job 1 (a.csv, CUSTOMER), chunk 1",
                "import job 1 COMMITTED");
        assertThat(rows.get(0).fields()).containsExactly("phone", "city");
        assertThat(rows.get(0).actorRole()).isEqualTo("ADMIN");
        assertThat(rows.get(0).remoteAddress()).isEqualTo("10.0.0.9");
        assertThat(rows.get(0).occurredAt()).as("when it was recorded, not when it was chained").isAfter(before);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).seq()).as("one move: consecutive").isEqualTo(rows.get(i - 1).seq() + 1);
            assertThat(rows.get(i).prevHash()).isEqualTo(rows.get(i - 1).hash());
        }
        assertThat(jdbc.sql("select count(distinct pending_id) from audit_event where actor = :a").param("a", who)
                .query(Integer.class).single()).as("each names the pending row it came from").isEqualTo(4);
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).as(String.valueOf(verification)).isTrue();
    }

    @Test
    void aRolledBackBulkTransactionLeavesNoPendingRowAndNothingIsChained() {
        String who = BookFixtures.unique("rolledback");
        tx().executeWithoutResult(status -> {
            audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(911, 912), "import job 2, chunk 1");
            assertThat(pendingOf(who)).isEqualTo(2);
            status.setRollbackOnly();
        });
        audit.chainPending(Duration.ofSeconds(30));
        assertThat(pendingOf(who)).isZero();
        assertThat(chainedOf(who)).isEmpty();
    }

    @Test
    void thePendingTableRefusesUpdatesTruncationAndTheDeletionOfAnUnchainedRow() {
        String who = BookFixtures.unique("tamper");
        // each in a transaction of its own that also wrote the row: the writer cannot have chained it
        assertThatThrownBy(() -> tx().executeWithoutResult(status -> {
            audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(921), "import job 3, chunk 1");
            jdbc.sql("update audit_pending set reason = 'nothing to see' where actor = :a").param("a", who).update();
        })).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("UPDATE refused");
        assertThatThrownBy(() -> tx().executeWithoutResult(status -> {
            audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(922), "import job 3, chunk 2");
            jdbc.sql("delete from audit_pending where actor = :a").param("a", who).update();
        })).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("not chained yet: DELETE refused");
        assertThatThrownBy(() -> tx().executeWithoutResult(status -> jdbc.sql("truncate audit_pending").update()))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(pendingOf(who)).isZero();
    }

    @Test
    void aDeleteOfAChainedAndAnUnchainedRowTogetherIsRefusedWholeNamingTheUnchainedOne() {
        String who = BookFixtures.unique("halfchained");
        long[] ids = new long[2];
        assertThatThrownBy(() -> tx().executeWithoutResult(status -> {
            audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(961, 962), "import job 11, chunk 1");
            List<Long> pendingIds = jdbc.sql("select id from audit_pending where actor = :a order by id").param("a", who)
                    .query(Long.class).list();
            ids[0] = pendingIds.get(0);
            ids[1] = pendingIds.get(1);
            // the first as if chained (a row of audit_event naming it; rolled back with the rest): it alone may go
            jdbc.sql("""
                    insert into audit_event (seq, occurred_at, actor, action, prev_hash, hash, pending_id)
                    values (:seq, now(), :a, 'IMPORT', repeat('0', 64), md5(:a) || md5(:a), :p)""")
                    .param("seq", -ids[0]).param("a", who).param("p", ids[0]).update();
            jdbc.sql("delete from audit_pending where actor = :a").param("a", who).update();
        })).isInstanceOf(DataAccessException.class).rootCause()
                .hasMessageContaining("audit_pending row " + ids[1] + " is not chained yet: DELETE refused");
        assertThat(pendingOf(who)).as("the whole transaction rolled back").isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where actor = :a").param("a", who).query(Integer.class).single())
                .isZero();

        assertThatThrownBy(() -> tx().executeWithoutResult(status ->
                jdbc.sql("update audit_pending set reason = 'x' where false").update()))
                .as("an UPDATE is refused even when it matches no row").rootCause().hasMessageContaining("UPDATE refused");

        // a chained row and its pending row can go in one statement: the check runs after it
        tx().executeWithoutResult(status -> {
            audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(963), "import job 11, chunk 2");
            long id = jdbc.sql("select id from audit_pending where actor = :a").param("a", who).query(Long.class).single();
            assertThat(jdbc.sql("""
                    with chained as (insert into audit_event (seq, occurred_at, actor, action, prev_hash, hash, pending_id)
                                     values (:seq, now(), :a, 'IMPORT', repeat('0', 64), md5(:a) || md5(:a), :p))
                    delete from audit_pending where id = :p""")
                    .param("seq", -id).param("a", who).param("p", id).update()).isEqualTo(1);
            status.setRollbackOnly();
        });
    }

    @Test
    void anAuditedViewDoesNotWaitForABulkTransactionStillOpen() throws Exception {
        String who = BookFixtures.unique("openchunk");
        CountDownLatch chunkWritten = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CompletableFuture<Void> chunk = CompletableFuture.runAsync(() -> tx().executeWithoutResult(status -> {
            audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(931, 932, 933), "import job 4, chunk 1");
            chunkWritten.countDown();
            try {
                assertThat(mayCommit.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(chunkWritten.await(30, TimeUnit.SECONDS)).isTrue();

        // the chunk's transaction is open and holds its audit rows: a view is recorded and committed all the same (with
        // the chain's lock held by the chunk, as before audit_pending, this call would fail after its 30 s wait)
        String viewer = BookFixtures.unique("viewer");
        Staff.signInOnThread(Role.COMPLIANCE, null, null);
        AuditEntry view;
        try {
            view = audit.recordAs(viewer, "AGENT", AuditAction.VIEW_CUSTOMER, 931L, List.of("profile"), "during the chunk");
            AuditEntry grouped = audit.record(AuditAction.VIEW_CUSTOMER, 932L, List.of("profile"), "grouped view during " + who);
            assertThat(grouped).isNotNull();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        assertThat(chunk).as("the chunk is still open").isNotDone();
        assertThat(mayCommit.getCount()).isEqualTo(1);

        mayCommit.countDown();
        chunk.get(60, TimeUnit.SECONDS);
        audit.chainPending(Duration.ofSeconds(30));
        List<AuditEntry> imported = chainedOf(who);
        assertThat(imported).hasSize(3);
        assertThat(imported.get(0).seq()).as("chained after the view, once committed").isGreaterThan(view.seq());
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aMoveRepeatedAfterItsInsertButBeforeItsDeleteChainsNothingTwice() {
        String who = BookFixtures.unique("restart");
        // the state a writer stopped between inserting into audit_event and deleting from audit_pending would leave:
        // the first pending row chained (with its pending id) and still pending, the second only pending
        long[] ids = tx().execute(status -> {
            audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(941, 942), "import job 5, chunk 1");
            List<Long> pendingIds = jdbc.sql("select id from audit_pending where actor = :a order by id").param("a", who)
                    .query(Long.class).list();
            jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", CHAIN_LOCK).query((rs, n) -> 1).single();
            var head = jdbc.sql("select seq, hash from audit_event order by seq desc limit 1")
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional()
                    .orElse(new Object[] {0L, AuditHash.GENESIS});
            long seq = (Long) head[0] + 1;
            var first = jdbc.sql("select * from audit_pending where id = :id").param("id", pendingIds.get(0))
                    .query((rs, n) -> new Object[] {rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            List.of((String[]) rs.getArray("fields").getArray()), rs.getString("reason")}).single();
            @SuppressWarnings("unchecked")
            List<String> fields = (List<String>) first[1];
            String hash = AuditHash.of((String) head[1], seq, (Instant) first[0], who, "ADMIN", "IMPORT", 941L, fields,
                    (String) first[2], "10.0.0.9");
            jdbcTemplate.update("""
                    insert into audit_event (seq, occurred_at, actor, actor_role, action, customer_id, fields, reason,
                                             remote_addr, prev_hash, hash, pending_id)
                    values (?, ?, ?, 'ADMIN', 'IMPORT', 941, ?, ?, '10.0.0.9', ?, ?, ?)""",
                    seq, OffsetDateTime.ofInstant((Instant) first[0], java.time.ZoneOffset.UTC), who,
                    fields.toArray(String[]::new), first[2], head[1], hash, pendingIds.get(0));
            return new long[] {pendingIds.get(0), pendingIds.get(1)};
        });

        audit.chainPending(Duration.ofSeconds(30));

        assertThat(pendingOf(who)).isZero();
        for (long id : ids) {
            assertThat(jdbc.sql("select count(*) from audit_event where pending_id = :id").param("id", id)
                    .query(Integer.class).single()).as("pending row " + id + " chained once").isEqualTo(1);
        }
        assertThat(chainedOf(who)).extracting(AuditEntry::customerId).containsExactly(941L, 942L);
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).as(String.valueOf(verification)).isTrue();
    }

    @Test
    void twoWritersChainingTheSamePendingRowsChainEachOnce() throws Exception {
        String who = BookFixtures.unique("twoinstances");
        // a second instance's audit, with its own writer thread, on the same database
        AccessAudit other = new AccessAudit(jdbc, jdbcTemplate, clock, transactions, true, Duration.ofMillis(50), 200);
        other.startWriter();
        try {
            long[] customerIds = new long[2_500];
            for (int i = 0; i < customerIds.length; i++) {
                customerIds[i] = 100_000 + i;
            }
            tx().executeWithoutResult(status ->
                    audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(customerIds), "import job 6, chunk 1"));
            CompletableFuture<Integer> mine = CompletableFuture.supplyAsync(() -> audit.chainPending(Duration.ofSeconds(60)));
            CompletableFuture<Integer> theirs = CompletableFuture.supplyAsync(() -> other.chainPending(Duration.ofSeconds(60)));
            mine.get(90, TimeUnit.SECONDS);
            theirs.get(90, TimeUnit.SECONDS);
        } finally {
            other.stopWriter();
        }
        assertThat(pendingOf(who)).isZero();
        assertThat(jdbc.sql("select count(*), count(distinct pending_id), count(distinct customer_id) from audit_event where actor = :a")
                .param("a", who).query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single())
                .containsExactly(2_500, 2_500, 2_500);
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).as(String.valueOf(verification)).isTrue();
    }

    @Test
    void verifyAndTheCompliancePageShowRowsNotYetChainedAsPendingInBothLanguages() throws Exception {
        String who = BookFixtures.unique("waiting");
        try (ChainLockHeld lock = new ChainLockHeld(transactions, jdbc)) {
            // the writer cannot chain while the lock is held elsewhere: the rows stay pending
            tx().executeWithoutResult(status ->
                    audit.recordForCustomers(actor(who), AuditAction.IMPORT, customers(951, 952), "import job 7, chunk 1"));

            AuditVerification verification = audit.verify();
            assertThat(verification.intact()).as("pending rows do not break the chain").isTrue();
            assertThat(verification.pending()).isGreaterThanOrEqualTo(2);
            assertThat(verification.oldestPending()).isNotNull();
            assertThat(AuditVerifyCommand.pendingLine(verification)).contains("rows pending (not yet chained)");
            assertThat(AuditVerifyCommand.exitCode(verification)).isZero();

            AuditPending pending = audit.pending(new AuditQuery(who, null, null, null, null, 0, 50), 50);
            assertThat(pending.count()).isEqualTo(2);
            assertThat(pending.newest()).extracting(AuditPending.Row::customerId).containsExactly(952L, 951L);
            assertThat(audit.pending(new AuditQuery(who, 951L, null, null, null, 0, 50), 50).count()).isEqualTo(1);

            StaffPrincipal compliance = new StaffPrincipal(78L, BookFixtures.unique("compliance"), "{noop}x", "合规",
                    Role.COMPLIANCE, null, null, true);
            String zh = mvc.perform(get("/audit").param("actor", who).with(Staff.signedIn(compliance)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(zh).contains("2 条记录已记录但尚未写入哈希链").contains("待入链").contains("import job 7, chunk 1");
            String en = mvc.perform(get("/audit").param("actor", who).param("lang", "en").with(Staff.signedIn(compliance)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(en).contains("2 rows are recorded but not yet in the hash chain").contains(">pending<");
        }
        audit.chainPending(Duration.ofSeconds(30));
        assertThat(audit.pending(new AuditQuery(who, null, null, null, null, 0, 50), 50).count()).isZero();
        assertThat(chainedOf(who)).hasSize(2);
    }
}
