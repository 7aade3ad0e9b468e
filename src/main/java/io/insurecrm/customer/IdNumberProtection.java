package io.insurecrm.customer;

import io.insurecrm.platform.crypto.FieldCipher;
import org.springframework.stereotype.Component;

/**
 * How resident ID numbers are kept: encrypted in {@code customer.id_number}, searched and kept unique through the
 * blind index {@code customer.id_number_bidx}, shown masked from {@code customer.id_number_masked}. Every writer of
 * customer rows (registration, the importer, the demo book) seals through here so the three columns agree.
 */
@Component
public class IdNumberProtection {

    /** The field name mixed into the blind index, so equal values of different fields do not share an index. */
    public static final String FIELD = "customer.id_number";

    private final FieldCipher cipher;

    public IdNumberProtection(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public SealedIdNumber seal(ChineseIdNumber idNumber) {
        return new SealedIdNumber(cipher.seal(idNumber.value()), cipher.blindIndex(FIELD, idNumber.value()),
                idNumber.masked(), idNumber.gender(), idNumber.birthDate());
    }

    /**
     * The blind index of a text as typed (blanks and case do not matter), or null for null. A legacy 15-digit number
     * (before 1999: no century, no check character) is widened to its 18-character form first, so it finds the
     * same customer as the 18-character number.
     */
    public String blindIndex(String text) {
        return text == null ? null : cipher.blindIndex(FIELD, widened(text));
    }

    /**
     * The blind indexes to look a typed ID number up by: under the current key, and under the next key while a rotation
     * of the index key is under way (null otherwise). Match them with {@link #matches(String)}.
     */
    public record Lookup(String current, String next) {
    }

    public Lookup lookup(String text) {
        return text == null ? new Lookup(null, null)
                : new Lookup(cipher.blindIndex(FIELD, widened(text)), cipher.nextBlindIndex(FIELD, widened(text)));
    }

    /**
     * The SQL condition finding a customer (table alias {@code alias}) by the parameters {@code :bidx} and
     * {@code :bidxNext} of a {@link Lookup}: the index column holds the current key's index (or, once the rotation is
     * switched, the next key's), the next index column the next key's while the rotation fills it. Without a rotation
     * {@code :bidxNext} is null and only the index column is compared.
     */
    public static String matches(String alias) {
        return "(" + alias + ".id_number_bidx = :bidx or " + alias + ".id_number_bidx = :bidxNext or "
                + alias + ".id_number_bidx_next = :bidxNext)";
    }

    /** A legacy 15-digit ID number as its 18-character form (century 19, computed check character); others as given. */
    static String widened(String text) {
        String value = text.strip();
        if (value.length() == 15 && value.chars().allMatch(Character::isDigit)) {
            String first17 = value.substring(0, 6) + "19" + value.substring(6);
            return first17 + ChineseIdNumber.checkCharacter(first17);
        }
        return value;
    }

    /** The clear ID number of a stored value (one stored before encryption is already clear). */
    public String open(String stored) {
        return cipher.open(stored);
    }
}
