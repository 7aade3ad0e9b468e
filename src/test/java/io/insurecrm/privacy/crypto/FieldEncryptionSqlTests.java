package io.insurecrm.privacy.crypto;

import io.insurecrm.customer.CustomerForm;
import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.CustomerQuery;
import io.insurecrm.customer.CustomerRow;
import io.insurecrm.customer.IdNumberProtection;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.TestCiphers;
import io.insurecrm.platform.crypto.EncryptedColumn;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import io.insurecrm.privacy.ConsentSource;
import io.insurecrm.privacy.SensitiveData;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encrypted ID numbers in the database: what is stored, search and uniqueness by blind index, reveal, rotation. */
@SpringBootTest
class FieldEncryptionSqlTests {

    @Autowired
    CustomerManagement customers;
    @Autowired
    SensitiveData sensitiveData;
    @Autowired
    ConsentRegistry consents;
    @Autowired
    IdNumberProtection idNumbers;
    @Autowired
    FieldCipher appCipher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    List<EncryptedColumn> appColumns;

    private long register(String idNumber, long agent) {
        CustomerForm form = new CustomerForm();
        form.setKind(CustomerKind.INDIVIDUAL);
        form.setName("加密测试" + BookFixtures.next());
        form.setIdNumber(idNumber);
        form.setPhone(BookFixtures.mobile());
        form.setRegionCode("44");
        form.setCity("广州");
        form.setAgentId(agent);
        return customers.register(form, DataScope.all());
    }

    @Test
    void theStoredColumnHoldsNoClearIdNumberYetSearchUniquenessMaskAndRevealWork() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("44"));
        String idNumber = BookFixtures.idNumber("44", LocalDate.of(1979, 10, 30), false);
        String withLowerX = idNumber.toLowerCase();
        long id = register(idNumber, agent);

        Map<String, Object> raw = jdbc.sql("select id_number, id_number_bidx, id_number_masked from customer where id = :id")
                .param("id", id).query().singleRow();
        String stored = (String) raw.get("id_number");
        assertThat(stored).startsWith("v1:" + appCipher.activeKeyId() + ":").doesNotContain(idNumber)
                .doesNotContain(idNumber.substring(6, 14)).doesNotContain(idNumber.substring(14));
        assertThat(jdbc.sql("select count(*) from customer where id = :id and (id_number like '%' || :digits || '%' "
                        + "or id_number_bidx like '%' || :digits || '%')")
                .param("id", id).param("digits", idNumber.substring(0, 17)).query(Long.class).single())
                .as("no column holds the number in the clear").isZero();
        assertThat(raw.get("id_number_bidx")).isEqualTo(idNumbers.blindIndex(idNumber));
        assertThat(raw.get("id_number_masked")).isEqualTo(idNumber.substring(0, 3) + "*".repeat(11) + idNumber.substring(14));

        List<CustomerRow> found = customers.search(new CustomerQuery(" " + withLowerX, null, null, "id", false, 0, 20),
                DataScope.all()).content();
        assertThat(found).extracting(CustomerRow::id).containsExactly(id);
        assertThat(found.get(0).maskedIdNumber()).isEqualTo(raw.get("id_number_masked"));

        assertThatThrownBy(() -> register(" " + idNumber + " ", agent)).isInstanceOfSatisfying(FieldRuleViolation.class,
                v -> assertThat(v.field()).isEqualTo("idNumber"));
        assertThat(customers.editForm(id, DataScope.all()).getIdNumber()).isEqualTo(idNumber);

        // an edit never writes the ID number columns back: a value the batch moved meanwhile stays moved
        String movedMeanwhile = appCipher.seal(idNumber);
        CustomerForm edit = customers.editForm(id, DataScope.all());
        jdbc.sql("update customer set id_number = :v where id = :id").param("v", movedMeanwhile).param("id", id).update();
        edit.setName("改名" + BookFixtures.next());
        customers.update(id, edit, DataScope.all());
        assertThat(jdbc.sql("select id_number from customer where id = :id").param("id", id).query(String.class).single())
                .isEqualTo(movedMeanwhile);

        consents.grant(id, ConsentPurpose.SENSITIVE_DATA, ConsentSource.IN_PERSON, "2026-01", DataScope.all());
        assertThat(sensitiveData.revealIdNumber(id, "test", "test", DataScope.all())).isEqualTo(idNumber);
    }

    /** The batch on an updatable view of this test's own customers, so other tests' rows are left alone. */
    private FieldReencryption batchOver(String view, FieldCipher cipher) {
        return new FieldReencryption(jdbc, cipher, List.of(new EncryptedColumn(view, "id_number", "id_number_bidx",
                IdNumberProtection.FIELD)), transactions, Clock.systemUTC());
    }

    private List<String> stored(String view) {
        return jdbc.sql("select id_number from " + view + " order by id").query(String.class).list();
    }

    @Test
    void rotationKeepsOldRowsReadableMovesThemChunkByChunkAndARerunChangesNothing() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String tag = "轮换" + BookFixtures.next();
        FieldCipher k1 = TestCiphers.rotated("k1");
        FieldCipher k2 = TestCiphers.rotated("k2");
        List<String> clearIds = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        int rows = FieldReencryption.CHUNK + 5;   // more than one chunk
        for (int i = 0; i < rows; i++) {
            long id = book.individual(tag, LocalDate.of(1970, 1, 1).plusDays(i), true, "33", agent);
            String clear = jdbc.sql("select id_number from customer where id = :id").param("id", id).query(String.class).single();
            clearIds.add(clear);
            ids.add(id);
            if (i % 3 != 0) {   // two rows in three under the old key k1, one in three still clear (from before encryption)
                jdbc.sql("update customer set id_number = :v, id_number_bidx = :b where id = :id")
                        .param("v", k1.seal(clear)).param("b", k1.blindIndex(IdNumberProtection.FIELD, clear)).param("id", id)
                        .update();
            } else {   // from before encryption: no blind index yet (BookFixtures indexes its rows)
                jdbc.sql("update customer set id_number_bidx = null where id = :id").param("id", id).update();
            }
        }
        String view = "rotation_" + Math.abs(tag.hashCode());
        jdbc.sql("create view " + view + " as select id, id_number, id_number_bidx, id_number_masked from customer where name = '"
                + tag + "'").update();
        try {
            FieldReencryption batch = batchOver(view, k2);
            FieldReencryption.ColumnStatus before = batch.status().get(0);
            assertThat(before.values()).isEqualTo(rows);
            assertThat(before.clear()).isEqualTo((rows + 2) / 3);
            assertThat(before.byKey()).containsOnlyKeys("k1");
            assertThat(before.toDo()).isEqualTo(rows);
            assertThat(before.missingBlindIndex()).isEqualTo(before.clear());
            assertThat(jdbc.sql("select id_number_masked from customer where id = :id").param("id", ids.get(0))
                    .query(String.class).single()).as("a clear row is masked by the trigger")
                    .isEqualTo(clearIds.get(0).substring(0, 3) + "*".repeat(11) + clearIds.get(0).substring(14));
            // with k2 active and k1 still configured, old rows read
            for (String value : stored(view)) {
                assertThat(clearIds).contains(k2.open(value));
            }

            List<FieldReencryption.Run> progress = new ArrayList<>();
            FieldReencryption.Run run = batch.run(FieldReencryption.Scope.ALL, progress::add);
            assertThat(run.running()).isFalse();
            assertThat(run.failure()).isNull();
            assertThat(run.done()).isEqualTo(rows);
            assertThat(progress.size()).as("progress after every chunk").isGreaterThanOrEqualTo(2);
            FieldReencryption.ColumnStatus after = batch.status().get(0);
            assertThat(after.byKey()).containsExactly(Map.entry("k2", (long) rows));
            assertThat(after.clear()).isZero();
            assertThat(after.toDo()).isZero();
            assertThat(after.missingBlindIndex()).isZero();

            FieldCipher onlyK2 = new FieldCipher(Map.of("k2", TestCiphers.key(2)), "k2", TestCiphers.key(100), true);
            List<String> moved = stored(view);
            for (int i = 0; i < rows; i++) {
                assertThat(onlyK2.open(moved.get(i))).as("row %d opens without the old key", i).isEqualTo(clearIds.get(i));
            }
            assertThat(jdbc.sql("select count(*) from " + view + " where id_number_bidx is distinct from "
                    + "(select null::text)").query(Long.class).single()).isEqualTo(rows);
            assertThat(jdbc.sql("select id_number_bidx from " + view + " order by id").query(String.class).list())
                    .isEqualTo(clearIds.stream().map(c -> k2.blindIndex(IdNumberProtection.FIELD, c)).toList());

            FieldReencryption.Run rerun = batch.run(FieldReencryption.Scope.ALL, r -> { });
            assertThat(rerun.toDoAtStart()).isZero();
            assertThat(rerun.done()).isZero();
            assertThat(stored(view)).as("a second run changes nothing").isEqualTo(moved);
        } finally {
            jdbc.sql("drop view " + view).update();
        }
    }

    @Test
    void theStartUpBatchEncryptsOnlyClearRowsAndLeavesRowsUnderOtherKeys() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String tag = "迁移" + BookFixtures.next();
        FieldCipher k1 = TestCiphers.rotated("k1");
        long clearRow = book.individual(tag, LocalDate.of(1960, 2, 2), true, "33", agent);
        long oldKeyRow = book.individual(tag, LocalDate.of(1961, 3, 3), true, "33", agent);
        String clear = jdbc.sql("select id_number from customer where id = :id").param("id", clearRow).query(String.class).single();
        String old = k1.seal("x");
        jdbc.sql("update customer set id_number = :v where id = :id").param("v", old).param("id", oldKeyRow).update();
        String view = "migration_" + Math.abs(tag.hashCode());
        jdbc.sql("create view " + view + " as select id, id_number, id_number_bidx from customer where name = '" + tag + "'")
                .update();
        try {
            FieldReencryption batch = batchOver(view, TestCiphers.rotated("k2"));
            assertThat(batch.anyClear()).isTrue();
            batch.run(FieldReencryption.Scope.CLEAR_ONLY, r -> { });
            assertThat(batch.anyClear()).isFalse();
            String encrypted = jdbc.sql("select id_number from customer where id = :id").param("id", clearRow)
                    .query(String.class).single();
            assertThat(encrypted).startsWith("v1:k2:").doesNotContain(clear);
            assertThat(jdbc.sql("select id_number from customer where id = :id").param("id", oldKeyRow)
                    .query(String.class).single()).as("CLEAR_ONLY leaves other keys to the rotation").isEqualTo(old);
            assertThat(jdbc.sql("select id_number_masked from customer where id = :id").param("id", clearRow)
                    .query(String.class).single()).as("the mask computed from the clear value stays")
                    .isEqualTo(clear.substring(0, 3) + "*".repeat(11) + clear.substring(14));
        } finally {
            jdbc.sql("drop view " + view).update();
        }
    }

    @Test
    void aLegacyFifteenDigitNumberLeftInTheClearIsIndexedInItsEighteenCharacterFormSoSearchFindsIt() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String tag = "旧号" + BookFixtures.next();
        long row = book.individual(tag, LocalDate.of(1960, 2, 2), true, "33", agent);
        String legacy = "330106600202" + String.format("%03d", Math.floorMod(tag.hashCode(), 1000));
        jdbc.sql("update customer set id_number = :v, id_number_bidx = null where id = :id")
                .param("v", legacy).param("id", row).update();
        String view = "legacy_" + Math.abs(tag.hashCode());
        jdbc.sql("create view " + view + " as select id, id_number, id_number_bidx from customer where name = '" + tag + "'")
                .update();
        try {
            // the batch as the application wires it: the customer module's column with its index form
            EncryptedColumn app = appColumns.stream().filter(c -> c.name().equals("customer.id_number")).findFirst().orElseThrow();
            FieldReencryption batch = new FieldReencryption(jdbc, appCipher, List.of(new EncryptedColumn(view, "id_number",
                    "id_number_bidx", IdNumberProtection.FIELD, app.indexForm())), transactions, Clock.systemUTC());
            batch.run(FieldReencryption.Scope.CLEAR_ONLY, r -> { });

            String index = jdbc.sql("select id_number_bidx from customer where id = :id").param("id", row)
                    .query(String.class).single();
            assertThat(index).as("indexed as searched: widened to 18 characters")
                    .isEqualTo(idNumbers.blindIndex(legacy))
                    .isNotEqualTo(appCipher.blindIndex(IdNumberProtection.FIELD, legacy));
            assertThat(appCipher.open(jdbc.sql("select id_number from customer where id = :id").param("id", row)
                    .query(String.class).single())).as("the stored value is the number as it was").isEqualTo(legacy);
        } finally {
            jdbc.sql("drop view " + view).update();
        }
    }
}
