package io.insurecrm.coil;

import java.math.BigDecimal;
import java.util.List;

/**
 * The CoIL 2000 book in figures. 客均合同 (contracts per customer) = policies ÷ customers holding at least one
 * policy, counted over the 21 products' A* columns (the CARAVAN label is not counted: EVAL rows have none).
 */
public record CoilSummary(List<Book> books, List<ProductHoldings> products, List<MainTypeFigures> mainTypes,
                          String citation) {

    /** TRAIN, EVAL or ALL. */
    public record Book(String source, long customers, long holders, long policies, BigDecimal contractsPerHolder,
                       Long caravanHolders) {
    }

    /** Customers holding the product (A* > 0), its policies, and the share of all customers holding it. */
    public record ProductHoldings(String code, String english, String chinese, long customers, long policies,
                                  BigDecimal share) {
    }

    public record MainTypeFigures(int code, String english, String chinese, long customers, long holders, long policies,
                                  BigDecimal contractsPerHolder) {
    }

    public Book all() {
        return books.stream().filter(b -> b.source().equals("ALL")).findFirst()
                .orElse(new Book("ALL", 0, 0, 0, null, null));
    }
}
