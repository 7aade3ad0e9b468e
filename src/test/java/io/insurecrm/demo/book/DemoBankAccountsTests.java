package io.insurecrm.demo.book;

import io.insurecrm.customer.BankAccountNumber;
import io.insurecrm.customer.BankAccountProtection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo book's premium payment accounts: a third of the adult individuals, sealed as given, unique, card-shaped. */
class DemoBankAccountsTests {

    @Test
    void cardNumbersAreSixteenDigitsLuhnValidAndUniquePerCustomer() {
        Set<String> seen = new HashSet<>();
        for (long id = 1; id <= 20_000; id++) {
            String card = BookGenerator.cardNumber(id);
            assertThat(card).hasSize(16).startsWith("6222");
            assertThat(new BankAccountNumber(card).passesLuhn()).as(card).isTrue();
            seen.add(card);
        }
        assertThat(seen).hasSize(20_000);
    }

    @Test
    void aThirdOfTheAdultIndividualsGetAnAccountAsTheSealerStoresItAndTheRestOfTheBookIsUnchanged() {
        BookSpec spec = BookSpec.of(20261202, 3_000, LocalDate.of(2026, 12, 2));
        List<String[]> with = new ArrayList<>();
        List<String[]> without = new ArrayList<>();
        new BookGenerator(spec, id -> new io.insurecrm.customer.SealedIdNumber(id.value(), null, id.masked(), id.gender(),
                id.birthDate()), n -> new BankAccountProtection.Sealed("sealed:" + n.value().length(), "idx", n.masked()))
                .generate((table, line) -> {
                    if (table == BookTable.CUSTOMER) {
                        with.add(line.toString().split("\t", -1));
                    }
                });
        new BookGenerator(spec).generate((table, line) -> {
            if (table == BookTable.CUSTOMER) {
                without.add(line.toString().split("\t", -1));
            }
        });
        assertThat(with).hasSameSizeAs(without);
        int columns = BookTable.CUSTOMER.columns().split(",").length;
        long accounts = 0;
        for (int i = 0; i < with.size(); i++) {
            String[] row = with.get(i);
            assertThat(row).hasSize(columns);
            assertThat(List.of(row).subList(0, columns - 4)).isEqualTo(List.of(without.get(i)).subList(0, columns - 4));
            if (!row[columns - 3].equals("\\N")) {
                accounts++;
                assertThat(row[1]).isEqualTo("INDIVIDUAL");
                assertThat(row[columns - 3]).isEqualTo("sealed:16");
                assertThat(row[columns - 1]).matches("6222 \\*{4} \\*{4} \\d{4}");
                assertThat(List.of(BookGenerator.BANKS)).contains(row[columns - 4]);
            }
        }
        assertThat((double) accounts / with.size()).isBetween(0.15, 0.34);
    }
}
