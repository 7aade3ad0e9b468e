package io.insurecrm.importing;

/**
 * The one place where the importing module compares customers by resident ID number, so the comparison can move
 * to another representation of the number (e.g. a blind index of an encrypted number) in one edit. Every SQL
 * statement of this module that matches a customer by ID number uses these fragments.
 */
final class CustomerMatchSql {

    private CustomerMatchSql() {
    }

    /** A condition: the customer aliased {@code customer} has the plain ID number given by the SQL expression. */
    static String byIdNumber(String customer, String idNumberExpression) {
        return customer + ".id_number = " + idNumberExpression;
    }

    /** The conflict target of an upsert of individuals keyed by ID number. */
    static String idNumberConflictTarget() {
        return "(id_number) where id_number is not null";
    }

    /**
     * The 17-character body of a customer's ID number (without the check character), with a legacy 15-digit number
     * widened to 18 digits (century 19), so both forms of one person's number compare equal.
     */
    static String idNumberBody(String customer) {
        return "(case when length(" + customer + ".id_number) = 15 then substr(" + customer + ".id_number, 1, 6) || '19' || substr("
                + customer + ".id_number, 7, 9) else substr(upper(" + customer + ".id_number), 1, 17) end)";
    }
}
