package io.insurecrm.coil;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CoIL tables are the whole book: every test empties them and loads what it needs inside its own rolled-back
 * transaction (another test may have loaded the real files into the shared database before).
 */
@SpringBootTest
@Transactional
class CoilBookTests {

    @Autowired
    CoilBook book;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @org.junit.jupiter.api.BeforeEach
    void emptyBook() {
        jdbc.sql("truncate coil_holding, coil_customer cascade").update(); // cascade: cluster members
    }

    /** A customer line: main type, then the given (product, policies, premium band) holdings, caravan if TRAIN. */
    static String customer(int mainType, Integer caravan, Object... holdings) {
        int[] values = new int[caravan == null ? 85 : 86];
        values[0] = 33;
        values[4] = mainType;
        for (int i = 0; i < holdings.length; i += 3) {
            CoilProduct product = (CoilProduct) holdings[i];
            values[product.policiesColumn() - 1] = (int) holdings[i + 1];
            values[product.premiumColumn() - 1] = (int) holdings[i + 2];
        }
        if (caravan != null) {
            values[85] = caravan;
        }
        return Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining("\t"));
    }

    private CoilBook.LoadResult loadSmallBook() throws IOException {
        String train = customer(8, 0, CoilProduct.PERSAUT, 1, 6, CoilProduct.BRAND, 1, 4) + "\r\n"
                + customer(3, 1, CoilProduct.PERSAUT, 2, 6, CoilProduct.WAPART, 1, 2) + "\r"
                + customer(10, 0) + "\n";
        String eval = customer(8, null, CoilProduct.BRAND, 3, 5) + "\r\n"
                + customer(8, null, CoilProduct.LEVEN, 0, 3);
        return book.load(new StringReader(train), new StringReader(eval));
    }

    @Test
    void countsCustomersHoldersPoliciesAndContractsPerHolderExactly() throws IOException {
        CoilBook.LoadResult result = loadSmallBook();
        assertThat(result.trainRows()).isEqualTo(3);
        assertThat(result.evalRows()).isEqualTo(2);
        CoilSummary summary = book.summary();
        Map<String, CoilSummary.Book> books = summary.books().stream()
                .collect(Collectors.toMap(CoilSummary.Book::source, Function.identity()));
        assertThat(books.get("TRAIN")).isEqualTo(new CoilSummary.Book("TRAIN", 3, 2, 5, new java.math.BigDecimal("2.50"), 1L));
        assertThat(books.get("EVAL")).isEqualTo(new CoilSummary.Book("EVAL", 2, 1, 3, new java.math.BigDecimal("3.00"), null));
        assertThat(books.get("ALL")).isEqualTo(new CoilSummary.Book("ALL", 5, 3, 8, new java.math.BigDecimal("2.67"), 1L));
        Map<String, CoilSummary.ProductHoldings> products = summary.products().stream()
                .collect(Collectors.toMap(CoilSummary.ProductHoldings::code, Function.identity()));
        assertThat(products).hasSize(21);
        assertThat(products.get("PERSAUT").customers()).isEqualTo(2);
        assertThat(products.get("PERSAUT").policies()).isEqualTo(3);
        assertThat(products.get("PERSAUT").share()).isEqualByComparingTo("0.4");
        assertThat(products.get("BRAND").customers()).isEqualTo(2);
        assertThat(products.get("BRAND").policies()).isEqualTo(4);
        assertThat(products.get("LEVEN").customers()).as("a premium band without a policy is no holding").isZero();
        assertThat(products.get("WAPART").policies()).isEqualTo(1);
        assertThat(summary.mainTypes()).extracting(CoilSummary.MainTypeFigures::code, CoilSummary.MainTypeFigures::customers,
                        CoilSummary.MainTypeFigures::policies)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 1L, 3L),
                        org.assertj.core.groups.Tuple.tuple(8, 3L, 5L),
                        org.assertj.core.groups.Tuple.tuple(10, 1L, 0L));
    }

    @Test
    void loadingTheSameFilesAgainChangesNothing() throws IOException {
        CoilBook.LoadResult first = loadSmallBook();
        assertThat(first.customersWritten()).isEqualTo(5);
        assertThat(first.holdingsWritten()).isEqualTo(6);
        CoilBook.LoadResult second = loadSmallBook();
        assertThat(second.customersWritten()).isZero();
        assertThat(second.holdingsWritten()).isZero();
        assertThat(second.holdingsRemoved()).isZero();
    }

    @Test
    void loadsTheRealBook() {
        CoilBook.LoadResult result = book.load(Path.of("../shared/data/coil2000"));
        assertThat(result.trainRows()).isEqualTo(5822);
        assertThat(result.evalRows()).isEqualTo(4000);
        Map<String, CoilSummary.Book> books = book.summary().books().stream()
                .collect(Collectors.toMap(CoilSummary.Book::source, Function.identity()));
        assertThat(books.get("TRAIN")).isEqualTo(new CoilSummary.Book("TRAIN", 5822, 5181, 11066, new java.math.BigDecimal("2.14"), 348L));
        assertThat(books.get("EVAL")).isEqualTo(new CoilSummary.Book("EVAL", 4000, 3562, 7582, new java.math.BigDecimal("2.13"), null));
        assertThat(book.summary().products().stream().filter(p -> p.code().equals("PERSAUT")).findFirst().orElseThrow()
                .customers()).isEqualTo(2977 + 2020);
        assertThat(book.load(Path.of("../shared/data/coil2000")).customersWritten()).isZero();
    }

    @Test
    void aMissingFolderIsRefused() {
        assertThatThrownBy(() -> book.load(Path.of("/nonexistent"))).isInstanceOf(CoilFileRefused.class)
                .hasMessageContaining("ticdata2000.txt");
    }
}
