package io.insurecrm.coil;

import io.insurecrm.platform.disclosure.SmallCellRule;
import java.math.BigDecimal;
import java.util.ArrayList;
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

    /**
     * Customers holding the product (A* > 0), its policies, and the share of all customers holding it; {@code suppressed}
     * (figures null) when withheld from an analyst (docs/privacy.md section 7).
     */
    public record ProductHoldings(String code, String english, String chinese, Long customers, Long policies,
                                  BigDecimal share, boolean suppressed) {

        public ProductHoldings(String code, String english, String chinese, long customers, long policies, BigDecimal share) {
            this(code, english, chinese, (Long) customers, (Long) policies, share, false);
        }

        ProductHoldings withheld() {
            return new ProductHoldings(code, english, chinese, null, null, null, true);
        }
    }

    /** One customer main type (MOSHOOFD); {@code suppressed} (figures null) when withheld from an analyst. */
    public record MainTypeFigures(int code, String english, String chinese, Long customers, Long holders, Long policies,
                                  BigDecimal contractsPerHolder, boolean suppressed) {

        public MainTypeFigures(int code, String english, String chinese, long customers, long holders, long policies,
                               BigDecimal contractsPerHolder) {
            this(code, english, chinese, (Long) customers, (Long) holders, (Long) policies, contractsPerHolder, false);
        }

        MainTypeFigures withheld() {
            return new MainTypeFigures(code, english, chinese, null, null, null, null, true);
        }
    }

    /**
     * The summary as an analyst sees it ({@link SmallCellRule}): a product held by fewer than k customers, or a main
     * type of fewer than k customers, is withheld, and the next smallest with it when it would be the only one — the
     * products' policies add up to the book's, the main types' customers to the book's customers. The three books
     * (thousands of customers each) are shown as they are.
     */
    public CoilSummary withSmallCellsWithheld(SmallCellRule rule) {
        SmallCellRule.Withheld byProduct = rule.partition(products.stream().mapToLong(ProductHoldings::customers).toArray());
        List<ProductHoldings> shownProducts = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            shownProducts.add(byProduct.cell(i) ? products.get(i).withheld() : products.get(i));
        }
        SmallCellRule.Withheld byType = rule.partition(mainTypes.stream().mapToLong(MainTypeFigures::customers).toArray());
        List<MainTypeFigures> shownTypes = new ArrayList<>();
        for (int i = 0; i < mainTypes.size(); i++) {
            shownTypes.add(byType.cell(i) ? mainTypes.get(i).withheld() : mainTypes.get(i));
        }
        return new CoilSummary(books, List.copyOf(shownProducts), List.copyOf(shownTypes), citation);
    }

    public Book all() {
        return books.stream().filter(b -> b.source().equals("ALL")).findFirst()
                .orElse(new Book("ALL", 0, 0, 0, null, null));
    }
}
