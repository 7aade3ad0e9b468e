package io.insurecrm.importing;

/**
 * The one place where the importing module compares customers by resident ID number. The number is encrypted in
 * {@code customer.id_number} (ADR 0004), so every comparison goes through its keyed blind index
 * {@code customer.id_number_bidx}; staged rows carry the blind index computed in Java when they are staged
 * (customer.IdNumberProtection). Every SQL statement of this module that matches a customer by ID number uses these
 * fragments.
 */
final class CustomerMatchSql {

    private CustomerMatchSql() {
    }

    /** A condition: the customer aliased {@code customer} has the ID number whose blind index the SQL expression gives. */
    static String byIdNumber(String customer, String blindIndexExpression) {
        return customer + ".id_number_bidx = " + blindIndexExpression;
    }

    /** The conflict target of an upsert of individuals keyed by ID number (its blind index). */
    static String idNumberConflictTarget() {
        return "(id_number_bidx) where id_number_bidx is not null";
    }

    /**
     * What makes two customers' ID numbers the same person's: the blind index. Every number the application writes
     * is a validated 18-character number (a legacy 15-digit number is not accepted on write), so equality of blind
     * indexes is equality of numbers; a 15-digit legacy value cannot be widened to 18 digits inside the database any
     * more because the database only holds ciphertext (docs/importing.md).
     */
    static String idNumberKey(String customer) {
        return customer + ".id_number_bidx";
    }
}
