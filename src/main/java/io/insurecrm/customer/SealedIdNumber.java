package io.insurecrm.customer;

import java.time.LocalDate;

/**
 * A resident ID number ready to be stored: the encrypted value (the envelope of platform.crypto.FieldCipher), its
 * blind index for exact search and uniqueness, the masked form for screens, and what the number itself tells
 * (gender, birth date), which the customer row keeps in the clear as before.
 */
public record SealedIdNumber(String stored, String blindIndex, String masked, Gender gender, LocalDate birthDate) {
}
