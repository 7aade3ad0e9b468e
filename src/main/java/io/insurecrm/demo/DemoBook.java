package io.insurecrm.demo;

import io.insurecrm.customer.IdNumberProtection;
import io.insurecrm.demo.load.BookLoader;
import io.insurecrm.demo.load.BookLoader.LoadResult;
import java.time.Clock;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Generates and loads a book into the application's database, dated by the application's clock. */
@Component
class DemoBook {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdNumberProtection idNumbers;
    private final io.insurecrm.customer.BankAccountProtection bankAccounts;
    private final io.insurecrm.platform.crypto.FieldCipher cipher;

    DemoBook(DataSource dataSource, JdbcClient jdbc, Clock clock, IdNumberProtection idNumbers,
             io.insurecrm.customer.BankAccountProtection bankAccounts, io.insurecrm.platform.crypto.FieldCipher cipher) {
        this.bankAccounts = bankAccounts;
        this.cipher = cipher;
        this.idNumbers = idNumbers;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean hasCustomers() {
        return jdbc.sql("select exists (select 1 from customer)").query(Boolean.class).single();
    }

    LoadResult load(long seed, int customers) {
        return new BookLoader(dataSource, idNumbers::seal, bankAccounts::seal, cipher::seal).load(seed, customers, LocalDate.now(clock));
    }

    /** Empties every table the book fills (and, by cascade, whatever refers to them). */
    void empty() {
        jdbc.sql("""
                truncate table claim_status_change, claim, interaction, policy, household_member, household, customer,
                               staff_user, agent, branch, product
                restart identity cascade
                """).update();
    }
}
