package io.insurecrm.privacy.crypto;

import io.insurecrm.customer.BankAccountProtection;
import io.insurecrm.customer.CustomerForm;
import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.CustomerQuery;
import io.insurecrm.customer.CustomerRow;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.TestCiphers;
import io.insurecrm.platform.crypto.EncryptedColumn;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.privacy.ConsentMissing;
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

/**
 * The premium payment bank account in the database: stored sealed (no digit sequence of it in any column), found by
 * its blind index, masked, revealed only with a reason (audited), moved by the key rotation and by the blind index
 * key rotation like the ID number.
 */
@SpringBootTest
class BankAccountEncryptionSqlTests {

    @Autowired
    CustomerManagement customers;
    @Autowired
    SensitiveData sensitiveData;
    @Autowired
    ConsentRegistry consents;
    @Autowired
    FieldCipher appCipher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    List<EncryptedColumn> appColumns;
    @Autowired
    BlindIndexRotation appRotation;

    /** A 16-digit number no other test uses. */
    private static String uniqueAccount() {
        String n = String.valueOf(BookFixtures.next());
        return "6217" + "0".repeat(12 - n.length()) + n;
    }

    private long register(String bankAccount, long agent) {
        CustomerForm form = new CustomerForm();
        form.setKind(CustomerKind.INDIVIDUAL);
        form.setName("账号测试" + BookFixtures.next());
        form.setIdNumber(BookFixtures.idNumber("44", LocalDate.of(1980, 1, 1).plusDays(BookFixtures.next() % 9000), true));
        form.setRegionCode("44");
        form.setCity("广州");
        form.setAgentId(agent);
        form.setBankName("中国建设银行");
        form.setBankAccount(bankAccount);
        return customers.register(form, DataScope.all());
    }

    private Map<String, Object> raw(long id) {
        return jdbc.sql("select bank_name, bank_account, bank_account_bidx, bank_account_masked from customer where id = :id")
                .param("id", id).query().singleRow();
    }

    private List<Long> search(String text) {
        return customers.search(new CustomerQuery(text, null, null, "id", false, 0, 20), DataScope.all()).content().stream()
                .map(CustomerRow::id).toList();
    }

    @Test
    void theStoredAccountIsCiphertextYetExactSearchDuplicateMatchingMaskAndAnAuditedRevealWork() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("44"));
        String account = uniqueAccount();
        String typed = account.substring(0, 4) + " " + account.substring(4, 8) + "-" + account.substring(8, 12) + " " + account.substring(12);
        long id = register(typed, agent);

        Map<String, Object> raw = raw(id);
        assertThat((String) raw.get("bank_account")).startsWith("v1:" + appCipher.activeKeyId() + ":")
                .doesNotContain(account).doesNotContain(account.substring(4, 12));
        assertThat(jdbc.sql("select count(*) from customer c where c.id = :id and c::text like '%' || :digits || '%'")
                .param("id", id).param("digits", account.substring(4, 12)).query(Long.class).single())
                .as("no column holds the middle digits in the clear").isZero();
        assertThat(appCipher.open((String) raw.get("bank_account"))).isEqualTo(account);
        assertThat(raw.get("bank_account_bidx")).isEqualTo(appCipher.blindIndex(BankAccountProtection.FIELD, account));
        assertThat(raw.get("bank_account_masked")).isEqualTo(account.substring(0, 4) + " **** **** " + account.substring(12));
        assertThat(raw.get("bank_name")).isEqualTo("中国建设银行");

        // exact search by the number as typed in any grouping; a part of it finds nothing (no prefix search)
        assertThat(search(account)).containsExactly(id);
        assertThat(search(typed)).containsExactly(id);
        assertThat(search(account.substring(0, 12))).doesNotContain(id);
        // duplicate matching: a second customer paying from the same account is found with the first
        long spouse = register(account, agent);
        assertThat(search(account)).containsExactly(id, spouse);
        assertThat(jdbc.sql("select count(*) from customer where bank_account_bidx = :b")
                .param("b", appCipher.blindIndex(BankAccountProtection.FIELD, account)).query(Long.class).single()).isEqualTo(2);

        // the edit form holds the mask, never the number; a blank field keeps the stored envelope as it is
        CustomerForm form = customers.editForm(id, DataScope.all());
        assertThat(form.getBankAccount()).isNull();
        assertThat(form.getBankAccountMasked()).isEqualTo(raw.get("bank_account_masked"));
        form.setName("改名" + BookFixtures.next());
        customers.update(id, form, DataScope.all());
        assertThat(raw(id).get("bank_account")).isEqualTo(raw.get("bank_account"));

        // a number that is not 12-19 digits is refused on its field and nothing of the edit is written
        CustomerForm bad = customers.editForm(id, DataScope.all());
        String nameBefore = bad.getName();
        bad.setName("不应保存");
        bad.setBankAccount("6222 1234");
        assertThatThrownBy(() -> customers.update(id, bad, DataScope.all())).isInstanceOfSatisfying(FieldRuleViolation.class,
                v -> assertThat(v.field()).isEqualTo("bankAccount"));
        assertThat(jdbc.sql("select name from customer where id = :id").param("id", id).query(String.class).single()).isEqualTo(nameBefore);

        // reveal: a reason is required, then the SENSITIVE_DATA consent; shown and audited with the reason
        assertThatThrownBy(() -> sensitiveData.revealBankAccount(id, "  ", "test", DataScope.all()))
                .isInstanceOfSatisfying(FieldRuleViolation.class, v -> assertThat(v.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> sensitiveData.revealBankAccount(id, "核对扣款失败", "test", DataScope.all()))
                .isInstanceOf(ConsentMissing.class);
        consents.grant(id, ConsentPurpose.SENSITIVE_DATA, ConsentSource.IN_PERSON, "2026-01", DataScope.all());
        assertThat(sensitiveData.revealBankAccount(id, "核对扣款失败", "test", DataScope.all())).isEqualTo(account);
        assertThat(jdbc.sql("""
                        select reason from audit_event where customer_id = :id and action = 'REVEAL'
                           and fields @> array['bank_account']::text[] order by seq desc limit 1""")
                .param("id", id).query(String.class).single()).isEqualTo("test: 核对扣款失败");
        assertThatThrownBy(() -> sensitiveData.revealBankAccount(id, "x", "test", DataScope.ownBook(-1L)))
                .isInstanceOf(NotFoundException.class);

        // removing the account clears number, index, mask and bank
        CustomerForm clear = customers.editForm(id, DataScope.all());
        clear.setClearBankAccount(true);
        customers.update(id, clear, DataScope.all());
        assertThat(raw(id).values()).containsOnlyNulls();
        assertThat(search(account)).containsExactly(spouse);
        assertThatThrownBy(() -> sensitiveData.revealBankAccount(id, "核对", "test", DataScope.all()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theApplicationDeclaresTheColumnForReencryptionAndBlindIndexRotation() {
        assertThat(appColumns).extracting(EncryptedColumn::name).contains("customer.bank_account", "portal_blood_pressure.reading");
        assertThat(appRotation.status()).extracting(BlindIndexRotation.ColumnStatus::column).contains("customer.bank_account");
    }

    @Test
    void keyRotationReencryptsAccountsAndAClearOneIsSealedIndexedAndMasked() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String tag = "账号轮换" + BookFixtures.next();
        FieldCipher k1 = TestCiphers.rotated("k1");
        FieldCipher k2 = TestCiphers.rotated("k2");
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = book.individual(tag, LocalDate.of(1975, 1, 1).plusDays(i), true, "33", agent);
            String account = uniqueAccount();
            accounts.add(account);
            if (i == 0) {   // written in the clear by a writer that does not encrypt: the trigger masks it
                jdbc.sql("update customer set bank_account = :v where id = :id").param("v", account).param("id", id).update();
            } else {
                jdbc.sql("update customer set bank_account = :v, bank_account_bidx = :b, bank_account_masked = 'x' where id = :id")
                        .param("v", k1.seal(account)).param("b", k1.blindIndex(BankAccountProtection.FIELD, account))
                        .param("id", id).update();
            }
        }
        assertThat(jdbc.sql("select bank_account_masked from customer where name = :t order by id limit 1").param("t", tag)
                .query(String.class).single()).isEqualTo(accounts.get(0).substring(0, 4) + " **** **** " + accounts.get(0).substring(12));
        String view = "bank_rotation_" + Math.abs(tag.hashCode());
        jdbc.sql("create view " + view + " as select id, bank_account, bank_account_bidx, bank_account_bidx_next from customer"
                + " where name = '" + tag + "'").update();
        try {
            EncryptedColumn app = appColumns.stream().filter(c -> c.name().equals("customer.bank_account")).findFirst().orElseThrow();
            FieldReencryption batch = new FieldReencryption(jdbc, k2, List.of(new EncryptedColumn(view, "bank_account",
                    "bank_account_bidx", BankAccountProtection.FIELD, app.indexForm())), transactions, Clock.systemUTC());
            assertThat(batch.status().get(0).toDo()).isEqualTo(5);
            assertThat(batch.status().get(0).clear()).isEqualTo(1);
            FieldReencryption.Run run = batch.run(FieldReencryption.Scope.ALL, r -> { });
            assertThat(run.done()).isEqualTo(5);
            FieldCipher onlyK2 = new FieldCipher(Map.of("k2", TestCiphers.key(2)), "k2", TestCiphers.key(100), true);
            List<String> stored = jdbc.sql("select bank_account from " + view + " order by id").query(String.class).list();
            assertThat(stored).allSatisfy(v -> assertThat(v).startsWith("v1:k2:"));
            assertThat(stored.stream().map(onlyK2::open).toList()).isEqualTo(accounts);
            assertThat(jdbc.sql("select bank_account_bidx from " + view + " order by id").query(String.class).list())
                    .isEqualTo(accounts.stream().map(a -> k2.blindIndex(BankAccountProtection.FIELD, a)).toList());
            assertThat(batch.run(FieldReencryption.Scope.ALL, r -> { }).done()).as("a second run changes nothing").isZero();

            // the blind index key rotation fills the account's next index like the ID number's
            FieldCipher withNext = new FieldCipher(Map.of("k2", TestCiphers.key(2)), "k2", TestCiphers.key(100),
                    TestCiphers.key(120), true);
            BlindIndexRotation rotation = new BlindIndexRotation(jdbc, withNext, List.of(new EncryptedColumn(view,
                    "bank_account", "bank_account_bidx", BankAccountProtection.FIELD, app.indexForm())), transactions,
                    Clock.systemUTC());
            assertThat(rotation.run(r -> { }).done()).isEqualTo(5);
            assertThat(jdbc.sql("select bank_account_bidx_next from " + view + " order by id").query(String.class).list())
                    .isEqualTo(accounts.stream().map(a -> withNext.nextBlindIndex(BankAccountProtection.FIELD, a)).toList());
            // a changed number loses its next index (trigger), so the fill recomputes it
            jdbc.sql("update customer set bank_account = :v where name = :t and id = (select min(id) from customer where name = :t)")
                    .param("v", withNext.seal(accounts.get(1))).param("t", tag).update();
            assertThat(jdbc.sql("select count(*) from " + view + " where bank_account_bidx_next is null").query(Long.class).single())
                    .isEqualTo(1);
        } finally {
            jdbc.sql("drop view " + view).update();
        }
    }
}
