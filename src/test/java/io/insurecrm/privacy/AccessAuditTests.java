package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class AccessAuditTests {

    @Autowired
    AccessAudit audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void everyRowIsChainedToThePreviousOneAndTheChainVerifies() {
        String actor = BookFixtures.unique("auditor");
        AuditEntry first = audit.recordAs(actor, "COMPLIANCE", AuditAction.VIEW_CUSTOMER, 42L, List.of("profile", "phone"), null);
        AuditEntry second = audit.recordAs(actor, "COMPLIANCE", AuditAction.EXPORT, null, List.of(), "customers.csv q=张");

        assertThat(second.seq()).isGreaterThan(first.seq());
        assertThat(stored(first.seq())).isEqualTo(first);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void concurrentAppendsKeepTheChainLinear() throws Exception {
        String actor = BookFixtures.unique("busy");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Long>> appends = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                long customer = i;
                appends.add(() -> audit.recordAs(actor, "AGENT", AuditAction.VIEW_CUSTOMER, customer, List.of("profile"), null).seq());
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<Long> seq : pool.invokeAll(appends)) {
                seqs.add(seq.get());
            }
            assertThat(seqs).doesNotHaveDuplicates().hasSize(60);
        } finally {
            pool.shutdown();
        }
        AuditVerification result = audit.verify();
        assertThat(result.intact()).as(String.valueOf(result)).isTrue();
    }

    @Test
    void viewsRecordedAtTheSameTimeAreCommittedInGroupsEachInItsPlaceInTheChainAndOnRecordWhenTheCallReturns() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(24);
        String reason = BookFixtures.unique("group");
        try {
            List<Callable<AuditEntry>> views = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                long customer = 1_000_000 + i;
                // interleaved with direct appends (listings, sign-in failures), which take the same chain lock
                views.add(i % 40 == 0
                        ? () -> audit.recordAs("other", "AGENT", AuditAction.LOGIN_FAILED, null, List.of(), reason)
                        : () -> audit.record(AuditAction.VIEW_CUSTOMER, customer, List.of("profile"), reason));
            }
            List<AuditEntry> entries = new ArrayList<>();
            for (Future<AuditEntry> entry : pool.invokeAll(views)) {
                AuditEntry recorded = entry.get();
                entries.add(recorded);
                // committed before the call returned: another connection reads it
                assertThat(jdbc.sql("select hash from audit_event where seq = :seq").param("seq", recorded.seq())
                        .query(String.class).single()).isEqualTo(recorded.hash());
            }
            assertThat(entries).extracting(AuditEntry::seq).doesNotHaveDuplicates().hasSize(240);
            assertThat(jdbc.sql("select count(*) from audit_event where reason = :r").param("r", reason)
                    .query(Long.class).single()).isEqualTo(240);
        } finally {
            pool.shutdown();
        }
        AuditVerification result = audit.verify();
        assertThat(result.intact()).as(String.valueOf(result)).isTrue();
    }

    @Test
    void theWriterStoresExactlyWhatItHashedAndFollowsRowsAppendedBesideIt() {
        String reason = BookFixtures.unique("writer");
        AuditEntry several = audit.record(AuditAction.VIEW_CUSTOMER, 42L, List.of("profile", "phone", "id_number"), reason);
        // appended beside the writer (as a sign-in failure or a listing is): the writer's head is stale afterwards
        AuditEntry beside = audit.recordAs("other", null, AuditAction.LOGIN_FAILED, null, List.of(), reason);
        AuditEntry none = audit.record(AuditAction.VIEW_CUSTOMER, null, List.of(), null);

        assertThat(stored(several.seq())).isEqualTo(several);
        assertThat(stored(none.seq())).isEqualTo(none);
        assertThat(none.seq()).isGreaterThan(beside.seq());
        assertThat(stored(none.seq() - 1).hash()).isEqualTo(none.prevHash());
        assertThat(none.fields()).isEmpty();
        AuditVerification result = audit.verify();
        assertThat(result.intact()).as(String.valueOf(result)).isTrue();
    }

    private AuditEntry stored(long seq) {
        return jdbc.sql("select * from audit_event where seq = :seq").param("seq", seq)
                .query((rs, n) -> new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getString("actor"), rs.getString("actor_role"), rs.getString("action"), rs.getObject("customer_id", Long.class),
                        List.of((String[]) rs.getArray("fields").getArray()), rs.getString("reason"), rs.getString("remote_addr"),
                        rs.getString("prev_hash"), rs.getString("hash"))).single();
    }

    @Test
    void aBegunRecordingIsCommittedWhileTheCallerReadsAndOnRecordWhenAwaited() {
        String reason = BookFixtures.unique("begun");
        AccessAudit.Recording recording = audit.begin(AuditAction.VIEW_CUSTOMER_API, 77L, List.of("profile"), reason);
        // the caller reads meanwhile (here: anything) on its own connection
        assertThat(jdbc.sql("select count(*) from region").query(Long.class).single()).isPositive();

        AuditEntry recorded = recording.await();

        assertThat(recorded.action()).isEqualTo("VIEW_CUSTOMER_API");
        assertThat(recorded.customerId()).isEqualTo(77L);
        assertThat(jdbc.sql("select hash from audit_event where seq = :seq and reason = :reason")
                .param("seq", recorded.seq()).param("reason", reason).query(String.class).single()).isEqualTo(recorded.hash());
        // awaiting again answers the same row, and records nothing more
        assertThat(recording.await()).isEqualTo(recorded);
        assertThat(jdbc.sql("select count(*) from audit_event where reason = :r").param("r", reason)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theTableRefusesUpdatesAndDeletes() {
        long seq = audit.recordAs(BookFixtures.unique("someone"), "AGENT", AuditAction.VIEW_CUSTOMER, 7L, List.of(), null).seq();
        assertThatThrownBy(() -> jdbc.sql("update audit_event set reason = 'nothing to see' where seq = :seq").param("seq", seq).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where seq = :seq").param("seq", seq).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aTamperedRowIsFoundByItsSeqAndTheCommandExitsWithOne() {
        long seq = audit.recordAs(BookFixtures.unique("snoop"), "AGENT", AuditAction.VIEW_CUSTOMER, 8L, List.of("phone"), null).seq();
        audit.recordAs(BookFixtures.unique("later"), "AGENT", AuditAction.VIEW_CUSTOMER, 9L, List.of("phone"), null);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        AuditVerification result = tx.execute(status -> {
            status.setRollbackOnly();
            // what an intruder with owner rights could do: switch the trigger off and edit a row
            jdbc.sql("alter table audit_event disable trigger audit_event_no_update_or_delete").update();
            jdbc.sql("update audit_event set customer_id = 10 where seq = :seq").param("seq", seq).update();
            return audit.verify();
        });
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(seq);
        assertThat(result.problem()).contains("hash");
        assertThat(AuditVerifyCommand.exitCode(result)).isEqualTo(1);

        // rolled back: the chain is whole again
        AuditVerification after = audit.verify();
        assertThat(after.intact()).isTrue();
        assertThat(AuditVerifyCommand.exitCode(after)).isZero();
    }

    @Test
    void aRemovedRowIsFoundToo() {
        long seq = audit.recordAs(BookFixtures.unique("gone"), "AGENT", AuditAction.EXPORT, null, List.of(), null).seq();
        audit.recordAs(BookFixtures.unique("next"), "AGENT", AuditAction.EXPORT, null, List.of(), null);
        AuditVerification result = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("alter table audit_event disable trigger audit_event_no_update_or_delete").update();
            jdbc.sql("delete from audit_event where seq = :seq").param("seq", seq).update();
            return audit.verify();
        });
        assertThat(result.firstBrokenSeq()).isEqualTo(seq);
        assertThat(result.problem()).contains("missing");
    }

    @Test
    void searchFindsByActorCustomerActionAndDay() {
        String actor = BookFixtures.unique("finder");
        audit.recordAs(actor, "AGENT", AuditAction.VIEW_CUSTOMER, 501L, List.of("profile"), null);
        audit.recordAs(actor, "AGENT", AuditAction.EXPORT, null, List.of("name"), "customers.csv");
        audit.recordAs(BookFixtures.unique("other"), "AGENT", AuditAction.VIEW_CUSTOMER, 501L, List.of("profile"), null);

        assertThat(audit.search(new AuditQuery(actor, null, null, null, null, 0, 50)).total()).isEqualTo(2);
        assertThat(audit.search(new AuditQuery(actor, 501L, null, null, null, 0, 50)).content())
                .extracting(AuditEntry::action).containsExactly("VIEW_CUSTOMER");
        assertThat(audit.search(new AuditQuery(actor, null, AuditAction.EXPORT, null, null, 0, 50)).content())
                .extracting(AuditEntry::reason).containsExactly("customers.csv");
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(audit.search(new AuditQuery(actor, null, null, today.minusDays(1), today.plusDays(1), 0, 50)).total()).isEqualTo(2);
        assertThat(audit.search(new AuditQuery(actor, null, null, today.plusDays(1), null, 0, 50)).total()).isZero();
    }
}
