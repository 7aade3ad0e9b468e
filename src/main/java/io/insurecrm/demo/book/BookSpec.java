package io.insurecrm.demo.book;

import java.time.LocalDate;

/**
 * What to generate: the seed, the number of customers, the day the book ends ("today" of the injected clock) and the
 * first ids to use, so a book can be added after rows that already exist (ids are {@code base + 1, base + 2, …}).
 */
public record BookSpec(long seed, int customers, LocalDate today, IdBase base) {

    public static final int MIN_CUSTOMERS = 1;
    public static final int MAX_CUSTOMERS = 10_000_000;

    public BookSpec {
        if (customers < MIN_CUSTOMERS || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("A book has 1 to 10,000,000 customers, not " + customers);
        }
        java.util.Objects.requireNonNull(today, "today");
        java.util.Objects.requireNonNull(base, "base");
    }

    public static BookSpec of(long seed, int customers, LocalDate today) {
        return new BookSpec(seed, customers, today, IdBase.EMPTY);
    }

    /** The largest id already used in each table with an identity column (0 for an empty table). */
    public record IdBase(long branch, long agent, long product, long customer, long household, long policy, long claim,
                         long interaction) {

        public static final IdBase EMPTY = new IdBase(0, 0, 0, 0, 0, 0, 0, 0);
    }
}
