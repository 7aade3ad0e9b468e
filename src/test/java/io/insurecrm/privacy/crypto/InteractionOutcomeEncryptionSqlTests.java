package io.insurecrm.privacy.crypto;

import io.insurecrm.customerview.CustomerView;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.TestCiphers;
import io.insurecrm.interaction.InteractionChannel;
import io.insurecrm.interaction.InteractionEntry;
import io.insurecrm.interaction.InteractionForm;
import io.insurecrm.interaction.InteractionLog;
import io.insurecrm.interaction.InteractionType;
import io.insurecrm.platform.crypto.EncryptedColumn;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Interaction outcomes (free text that may carry health or family details) encrypted at rest: stored, read, batches. */
@SpringBootTest
@WithMockUser(roles = "ADMIN")
class InteractionOutcomeEncryptionSqlTests {

    static final String OUTCOME = "客户母亲确诊糖尿病，咨询重疾险理赔；女儿明年高考";

    @Autowired
    InteractionLog interactions;
    @Autowired
    CustomerView customerView;
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

    @BeforeEach
    void aCustomer() {
        book = new BookFixtures(jdbc);
        customer = book.individual("互动加密" + BookFixtures.next(), book.agent(book.branch("33")));
    }

    private String stored(long id) {
        return jdbc.sql("select outcome from interaction where id = :id").param("id", id).query(String.class).single();
    }

    private long rowsHolding(long id, String word) {
        return jdbc.sql("select count(*) from interaction t where t.id = :id and row_to_json(t)::text like :w")
                .param("id", id).param("w", "%" + word + "%").query(Long.class).single();
    }

    @Test
    void aRecordedOutcomeIsStoredSealedAndEveryReaderShowsTheClearText() {
        InteractionForm form = new InteractionForm();
        form.setType(InteractionType.CONSULTATION);
        form.setChannel(InteractionChannel.VISIT);
        form.setOccurredAt(LocalDateTime.now().minusHours(1));
        form.setOutcome("  " + OUTCOME + "\n");
        long id = interactions.record(customer, form, DataScope.all());

        for (String word : List.of("糖尿病", "确诊", "高考", "重疾险")) {
            assertThat(rowsHolding(id, word)).as("columns holding " + word).isZero();
        }
        assertThat(stored(id)).startsWith("v1:" + appCipher.activeKeyId() + ":");
        assertThat(appCipher.open(stored(id))).isEqualTo(OUTCOME);

        assertThat(interactions.entry(customer, id, DataScope.all()).outcome()).isEqualTo(OUTCOME);
        assertThat(interactions.list(customer, DataScope.all(), 0, 10).content()).extracting(InteractionEntry::outcome)
                .containsExactly(OUTCOME);
        assertThat(customerView.of(customer, DataScope.all()).interactions().content())
                .extracting(InteractionEntry::outcome).as("the 360 timeline").containsExactly(OUTCOME);
    }

    /** A batch over an updatable view of this test's row, with the application's column definition. */
    private FieldReencryption batchOver(FieldCipher cipher, String view) {
        EncryptedColumn outcome = appColumns.stream().filter(c -> c.name().equals("interaction.outcome")).findFirst()
                .orElseThrow();
        return new FieldReencryption(jdbc, cipher,
                List.of(new EncryptedColumn(view, outcome.valueColumn(), outcome.blindIndexColumn(), outcome.field())),
                transactions, Clock.systemUTC());
    }

    private void withView(long id, String view, Runnable body) {
        jdbc.sql("create view " + view + " as select id, outcome from interaction where id = " + id).update();
        try {
            body.run();
        } finally {
            jdbc.sql("drop view if exists " + view).update();
        }
    }

    @Test
    void keyRotationReencryptsOutcomesAndARerunChangesNothing() {
        FieldCipher k1 = TestCiphers.rotated("k1");
        FieldCipher k2 = TestCiphers.rotated("k2");
        long id = book.interaction(customer, "COMPLAINT", BookFixtures.at("2026-02-01T10:00"), null);
        jdbc.sql("update interaction set outcome = :o where id = :id").param("o", k1.seal(OUTCOME)).param("id", id).update();
        withView(id, "interaction_rot_" + id, () -> {
            FieldReencryption batch = batchOver(k2, "interaction_rot_" + id);
            assertThat(batch.status()).singleElement().satisfies(s -> {
                assertThat(s.values()).isEqualTo(1);
                assertThat(s.toDo()).isEqualTo(1);
            });
            assertThat(batch.run(FieldReencryption.Scope.ALL, r -> { }).done()).isEqualTo(1);
            assertThat(stored(id)).startsWith("v1:k2:");
            assertThat(k2.open(stored(id))).isEqualTo(OUTCOME);
            String rotated = stored(id);
            assertThat(batch.run(FieldReencryption.Scope.ALL, r -> { }).done()).as("a rerun changes nothing").isZero();
            assertThat(stored(id)).isEqualTo(rotated);
        });
    }

    @Test
    void aClearLegacyOutcomeIsSealedByTheStartUpRunAndStillReadsAsBefore() {
        assertThat(appColumns).extracting(EncryptedColumn::name).contains("interaction.outcome");
        long id = book.interactionInTheClear(customer, "CONSULTATION", BookFixtures.at("2026-02-01T10:00"), OUTCOME);
        assertThat(interactions.entry(customer, id, DataScope.all()).outcome()).as("a clear value reads as it is")
                .isEqualTo(OUTCOME);
        assertThat(new FieldReencryption(jdbc, appCipher, appColumns, transactions, Clock.systemUTC()).anyClear())
                .as("the start-up check sees it").isTrue();
        withView(id, "interaction_legacy_" + id, () -> {
            new EncryptionOnStart(batchOver(appCipher, "interaction_legacy_" + id), appCipher).afterSingletonsInstantiated();
            assertThat(rowsHolding(id, "糖尿病")).isZero();
            assertThat(stored(id)).startsWith("v1:" + appCipher.activeKeyId() + ":");
            assertThat(interactions.entry(customer, id, DataScope.all()).outcome()).isEqualTo(OUTCOME);
        });
    }
}
