package io.insurecrm.privacy.crypto;

import io.insurecrm.claim.Claim;
import io.insurecrm.claim.ClaimManagement;
import io.insurecrm.claim.ClaimStatusChange;
import io.insurecrm.claim.ClaimStep;
import io.insurecrm.claim.ReportClaim;
import io.insurecrm.customerview.ClaimProgress;
import io.insurecrm.customerview.CustomerView;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.TestCiphers;
import io.insurecrm.platform.crypto.EncryptedColumn;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.portal.PortalBook;
import io.insurecrm.portal.PortalClaim;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Claim descriptions and status notes (health details) encrypted at rest: what is stored, who opens, the batches. */
@SpringBootTest
@WithMockUser(roles = "ADMIN")
class ClaimTextEncryptionSqlTests {

    static final String DIAGNOSIS = "肺炎住院治疗，高血压并发症";
    static final String NOTE = "住院病历已收到：肺炎";

    @Autowired
    ClaimManagement claims;
    @Autowired
    CustomerView customerView;
    @Autowired
    PortalBook portal;
    @Autowired
    FieldCipher appCipher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    List<EncryptedColumn> appColumns;

    BookFixtures book;
    long customer;
    long policy;

    @BeforeEach
    void aPolicy() {
        book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        customer = book.individual("理赔加密" + BookFixtures.next(), agent);
        long product = book.product("加密医疗险", "Sealed medical", "MEDICAL", "BASIC");
        LocalDate today = LocalDate.now();
        policy = book.policy(customer, product, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "1200");
    }

    private long countWhere(String table, String key, long id, String word) {
        return jdbc.sql("select count(*) from " + table + " t where t." + key + " = :id and row_to_json(t)::text like :w")
                .param("id", id).param("w", "%" + word + "%").query(Long.class).single();
    }

    @Test
    void aReportedClaimKeepsNoWordOfItsDescriptionInAnyColumnYetEveryReaderShowsTheClearText() {
        LocalDate incident = LocalDate.now().minusDays(3);
        long id = claims.report(new ReportClaim(policy, null, incident, incident.plusDays(1), new BigDecimal("800"),
                "  " + DIAGNOSIS + " "), DataScope.all());
        claims.assess(id, new ClaimStep(NOTE), DataScope.all());

        for (String word : List.of("肺炎", "住院", "高血压", "病历")) {
            assertThat(countWhere("claim", "id", id, word)).as("claim columns holding " + word).isZero();
            assertThat(countWhere("claim_status_change", "claim_id", id, word)).as("history columns holding " + word).isZero();
        }
        String stored = jdbc.sql("select description from claim where id = :id").param("id", id).query(String.class).single();
        assertThat(stored).startsWith("v1:" + appCipher.activeKeyId() + ":");
        assertThat(appCipher.open(stored)).isEqualTo(DIAGNOSIS);
        List<String> notes = jdbc.sql("select note from claim_status_change where claim_id = :id order by seq")
                .param("id", id).query(String.class).list();
        assertThat(notes).hasSize(2).allSatisfy(note -> assertThat(note).startsWith("v1:" + appCipher.activeKeyId() + ":"));
        assertThat(notes).extracting(appCipher::open).containsExactly(DIAGNOSIS, NOTE);
        assertThat(jdbc.sql("select count(distinct id) from claim_status_change where claim_id = :id").param("id", id)
                .query(Long.class).single()).as("every history row has the batch's id").isEqualTo(2);

        Claim claim = claims.find(id, DataScope.all());
        assertThat(claim.getDescription()).isEqualTo(DIAGNOSIS);
        assertThat(claim.getHistory()).extracting(ClaimStatusChange::note).containsExactly(DIAGNOSIS, NOTE);

        ClaimProgress progress = customerView.of(customer, DataScope.all()).claims().stream()
                .filter(c -> c.id() == id).findFirst().orElseThrow();
        assertThat(progress.description()).isEqualTo(DIAGNOSIS);
        assertThat(progress.steps()).extracting(io.insurecrm.customerview.ClaimStep::note).contains(DIAGNOSIS, NOTE);

        assertThat(portal.claims(customer)).filteredOn(c -> c.id() == id).extracting(PortalClaim::description)
                .containsExactly(DIAGNOSIS);
        assertThat(portal.home(customer).claims()).filteredOn(c -> c.id() == id).extracting(PortalClaim::description)
                .containsExactly(DIAGNOSIS);
        assertThat(portal.claim(customer, id).steps()).extracting(PortalClaim.Step::note).containsExactly(DIAGNOSIS, NOTE);
    }

    /** A batch over updatable views of this test's own rows, with the application's column definitions. */
    private FieldReencryption batchOver(FieldCipher cipher, String claimView, String historyView) {
        EncryptedColumn description = app("claim.description");
        EncryptedColumn note = app("claim_status_change.note");
        return new FieldReencryption(jdbc, cipher, List.of(
                new EncryptedColumn(claimView, description.valueColumn(), description.blindIndexColumn(), description.field()),
                new EncryptedColumn(historyView, note.valueColumn(), note.blindIndexColumn(), note.field())),
                transactions, Clock.systemUTC());
    }

    private EncryptedColumn app(String name) {
        return appColumns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private void views(long claimId, String claimView, String historyView) {
        jdbc.sql("create view " + claimView + " as select id, description from claim where id = " + claimId).update();
        jdbc.sql("create view " + historyView + " as select id, note from claim_status_change where claim_id = " + claimId)
                .update();
    }

    private void dropViews(String claimView, String historyView) {
        jdbc.sql("drop view if exists " + claimView).update();
        jdbc.sql("drop view if exists " + historyView).update();
    }

    @Test
    void keyRotationReencryptsDescriptionsAndNotesAndARerunChangesNothing() {
        assertThat(appColumns).extracting(EncryptedColumn::name).contains("claim.description", "claim_status_change.note");
        long id = book.claim(policy, LocalDate.now().minusDays(5), "300", "REPORTED", "ASSESSING", "REJECTED");
        FieldCipher k1 = TestCiphers.rotated("k1");
        FieldCipher k2 = TestCiphers.rotated("k2");
        jdbc.sql("update claim set description = :d where id = :id").param("d", k1.seal(DIAGNOSIS)).param("id", id).update();
        jdbc.sql("update claim_status_change set note = :n where claim_id = :id and seq = 2").param("n", k1.seal(NOTE))
                .param("id", id).update();   // seq 3 keeps the fixture's clear rejection note; seq 1 has none
        String claimView = "claim_rot_" + id;
        String historyView = "claim_hist_rot_" + id;
        views(id, claimView, historyView);
        try {
            FieldReencryption batch = batchOver(k2, claimView, historyView);
            assertThat(batch.status()).extracting(FieldReencryption.ColumnStatus::values, FieldReencryption.ColumnStatus::clear,
                    FieldReencryption.ColumnStatus::toDo).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1L, 0L, 1L), org.assertj.core.groups.Tuple.tuple(2L, 1L, 2L));
            FieldReencryption.Run run = batch.run(FieldReencryption.Scope.ALL, r -> { });
            assertThat(run.done()).isEqualTo(3);
            assertThat(k2.open(jdbc.sql("select description from claim where id = :id").param("id", id)
                    .query(String.class).single())).isEqualTo(DIAGNOSIS);
            assertThat(jdbc.sql("select note from claim_status_change where claim_id = :id and note is not null order by seq")
                    .param("id", id).query(String.class).list())
                    .allSatisfy(stored -> assertThat(stored).startsWith("v1:k2:"))
                    .extracting(k2::open).containsExactly(NOTE, "不在保障范围");
            assertThat(batch.run(FieldReencryption.Scope.ALL, r -> { }).done()).as("a rerun changes nothing").isZero();
        } finally {
            dropViews(claimView, historyView);
        }
    }

    @Test
    void aClearLegacyDescriptionAndNoteAreSealedByTheStartUpRunAndStillReadAsBefore() {
        long id = book.claim(policy, LocalDate.now().minusDays(5), "300", "REPORTED", "ASSESSING", "REJECTED");
        jdbc.sql("update claim set description = :d where id = :id").param("d", DIAGNOSIS).param("id", id).update();
        assertThat(claims.find(id, DataScope.all()).getDescription()).as("a clear value reads as it is").isEqualTo(DIAGNOSIS);
        assertThat(new FieldReencryption(jdbc, appCipher, appColumns, transactions, Clock.systemUTC()).anyClear())
                .as("the start-up check sees it").isTrue();
        String claimView = "claim_legacy_" + id;
        String historyView = "claim_hist_legacy_" + id;
        views(id, claimView, historyView);
        try {
            new EncryptionOnStart(batchOver(appCipher, claimView, historyView), appCipher).afterSingletonsInstantiated();
            assertThat(countWhere("claim", "id", id, "肺炎")).isZero();
            assertThat(countWhere("claim_status_change", "claim_id", id, "保障")).isZero();
            assertThat(jdbc.sql("select description from claim where id = :id").param("id", id).query(String.class).single())
                    .startsWith("v1:" + appCipher.activeKeyId() + ":");
            Claim claim = claims.find(id, DataScope.all());
            assertThat(claim.getDescription()).isEqualTo(DIAGNOSIS);
            assertThat(claim.getHistory()).extracting(ClaimStatusChange::note).containsExactly(null, null, "不在保障范围");
        } finally {
            dropViews(claimView, historyView);
        }
    }
}
