package io.insurecrm.customer;

import io.insurecrm.platform.crypto.FieldCipher;
import org.springframework.stereotype.Component;

/**
 * How the customer's premium payment account number is kept (ADR 0004, like the ID number): encrypted in
 * {@code customer.bank_account}, found through the blind index {@code customer.bank_account_bidx} (exact search,
 * duplicate matching; not unique — two customers may pay from one account), shown masked from
 * {@code customer.bank_account_masked}. Every writer (the edit form, the importer, the demo book) seals through here.
 */
@Component
public class BankAccountProtection {

    /** The field name mixed into the blind index. */
    public static final String FIELD = "customer.bank_account";

    /** A number ready to be stored: envelope, blind index, mask. */
    public record Sealed(String stored, String blindIndex, String masked) {
    }

    /** The blind indexes to look a typed number up by (the next key's only while the index key is rotated). */
    public record Lookup(String current, String next) {
    }

    private final FieldCipher cipher;

    public BankAccountProtection(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public Sealed seal(BankAccountNumber number) {
        return new Sealed(cipher.seal(number.value()), cipher.blindIndex(FIELD, number.value()), number.masked());
    }

    /** The lookup of a typed text, or both null when the text is not a bank account number (nothing to look up). */
    public Lookup lookup(String text) {
        String compact = BankAccountNumber.compact(text);
        if (!BankAccountNumber.isValid(compact)) {
            return new Lookup(null, null);
        }
        return new Lookup(cipher.blindIndex(FIELD, compact), cipher.nextBlindIndex(FIELD, compact));
    }

    /** The SQL condition finding customers (alias {@code alias}) by the parameters {@code :bankBidx}, {@code :bankBidxNext}. */
    public static String matches(String alias) {
        return "(" + alias + ".bank_account_bidx = :bankBidx or " + alias + ".bank_account_bidx = :bankBidxNext or "
                + alias + ".bank_account_bidx_next = :bankBidxNext)";
    }

    /** The clear number of a stored value (the audited reveal and the data subject's copy only). */
    public String open(String stored) {
        return cipher.open(stored);
    }

    /** The form whose blind index is stored: digits only (a value written in the clear may hold blanks). */
    static String indexForm(String clear) {
        String compact = BankAccountNumber.compact(clear);
        return compact == null ? clear : compact;
    }
}
