package io.insurecrm.importing;

import io.insurecrm.customer.BankAccountProtection;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer import's bank columns: validated, staged sealed, applied with blind index and mask, idempotent. */
@SpringBootTest(properties = "crm.import.chunk-size=2")
class BankAccountImportTests {

    static final String HEADER = "姓名,身份证号,省份,城市,代理人工号,开户银行,银行账号\n";

    @Autowired
    ImportManagement imports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FieldCipher cipher;

    private ImportJob upload(String name, String csv) {
        return imports.upload(name, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "customers", "AUTO",
                ImportRequester.commandLine());
    }

    private static String account() {
        String n = String.valueOf(BookFixtures.next());
        return "6228" + "0".repeat(14 - n.length()) + n;   // 18 digits
    }

    private Map<String, Object> bankOf(String idNumber) {
        return jdbc.sql("""
                        select bank_name, bank_account, bank_account_bidx, bank_account_masked from customer
                         where id_number_bidx = :b""")
                .param("b", cipher.blindIndex("customer.id_number", idNumber)).query().singleRow();
    }

    @Test
    void aBankAccountColumnIsValidatedStagedSealedAndAppliedAndTheSameFileAgainChangesNothing() {
        BookFixtures book = new BookFixtures(jdbc);
        String agent = jdbc.sql("select code from agent where id = :id").param("id", book.agent(book.branch("33")))
                .query(String.class).single();
        String withAccount = BookFixtures.idNumber("33", LocalDate.of(1985, 5, 5).plusDays(BookFixtures.next() % 3000), true);
        String badAccount = BookFixtures.idNumber("33", LocalDate.of(1986, 6, 6).plusDays(BookFixtures.next() % 3000), false);
        String noAccount = BookFixtures.idNumber("33", LocalDate.of(1987, 7, 7).plusDays(BookFixtures.next() % 3000), true);
        String account = account();
        String grouped = account.substring(0, 6) + " " + account.substring(6, 12) + " " + account.substring(12);
        String csv = HEADER
                + String.join(",", "有账号", withAccount, "浙江", "杭州", agent, "中国银行", grouped) + "\n"
                + String.join(",", "错账号", badAccount, "浙江", "杭州", agent, "中国银行", "6228-12") + "\n"
                + String.join(",", "无账号", noAccount, "浙江", "杭州", agent, "", "") + "\n";
        ImportJob job = upload("bank.csv", csv);

        assertThat(job.rowsToCreate()).isEqualTo(2);
        assertThat(job.rowsInvalid()).isEqualTo(1);
        List<ImportRowError> errors = imports.errors(job.id(), 0, 10, DataScope.all()).content();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.rowNumber()).isEqualTo(3);
            assertThat(e.column()).isEqualTo("银行账号");
            assertThat(e.reasonKey()).isEqualTo("import.error.bankAccount");
        });
        // staged sealed: the staging table holds no clear number
        assertThat(jdbc.sql("select bank_account from import_staged_bank_account where job_id = :j").param("j", job.id())
                .query(String.class).list()).singleElement().satisfies(v -> assertThat(v).startsWith("v1:").doesNotContain(account));

        imports.commit(job.id(), DataScope.all());
        Map<String, Object> bank = bankOf(withAccount);
        assertThat(bank.get("bank_name")).isEqualTo("中国银行");
        assertThat((String) bank.get("bank_account")).startsWith("v1:").doesNotContain(account.substring(4, 14));
        assertThat(cipher.open((String) bank.get("bank_account"))).isEqualTo(account);
        assertThat(bank.get("bank_account_bidx")).isEqualTo(cipher.blindIndex(BankAccountProtection.FIELD, account));
        assertThat(bank.get("bank_account_masked")).isEqualTo("6228 **** **** " + account.substring(14));
        assertThat(bankOf(noAccount).values()).containsOnlyNulls();
        assertThat(jdbc.sql("select count(*) from import_staged_bank_account where job_id = :j").param("j", job.id())
                .query(Long.class).single()).as("staged bank rows go with the job's staged rows").isZero();

        // the same file again: unchanged, the stored envelope kept (not re-sealed)
        ImportJob again = upload("bank.csv", csv);
        assertThat(again.rowsUnchanged()).isEqualTo(2);
        imports.commit(again.id(), DataScope.all());
        assertThat(bankOf(withAccount).get("bank_account")).isEqualTo(bank.get("bank_account"));

        // a new number for him is an update; a blank cell elsewhere keeps the stored one
        String newAccount = account();
        ImportJob changed = upload("bank2.csv", HEADER
                + String.join(",", "有账号", withAccount, "浙江", "杭州", agent, "", newAccount) + "\n");
        assertThat(changed.rowsToUpdate()).isEqualTo(1);
        imports.commit(changed.id(), DataScope.all());
        Map<String, Object> after = bankOf(withAccount);
        assertThat(cipher.open((String) after.get("bank_account"))).isEqualTo(newAccount);
        assertThat(after.get("bank_name")).as("a blank bank cell keeps the bank").isEqualTo("中国银行");
        assertThat(after.get("bank_account_masked")).isEqualTo("6228 **** **** " + newAccount.substring(14));
    }
}
