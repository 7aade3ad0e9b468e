package io.insurecrm.platform.personaldata;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Corrects a customer's personal data on a data-subject request (PIPL art. 46), implemented by the customer module
 * so the privacy module, which may depend on the platform only, can apply a correction in its own transaction. The
 * correctable fields are those of the customer edit form that hold personal data (not the ID number or credit code,
 * which the edit form keeps immutable, nor the servicing agent); a correction is validated exactly like the edit form.
 * Both methods hold to the caller's data scope: a customer outside it is not found.
 */
public interface PersonalDataCorrection {

    /** The customer's correctable fields with their current values (in the clear), for the correction form. */
    Correctable correctable(long customerId, Locale locale);

    /**
     * Applies the values given (field name to the new value; an empty value clears an optional field; fields not named
     * keep their value) in the caller's transaction. Refused with {@link InvalidFields} (every field error, as the
     * edit form reports them) or a {@code FieldRuleViolation} (a rule against the database, e.g. an unknown region);
     * nothing is written then. Returns the fields whose stored value changed, before and after, in the clear.
     */
    List<FieldChange> correct(long customerId, Map<String, String> values);

    /** The correctable fields of one customer: current values in form order, and the choices of the list fields. */
    record Correctable(long customerId, String kind, Map<String, String> values, Map<String, List<Option>> options) {
    }

    /** One choice of a list field: the value stored and its label in the locale asked for. */
    record Option(String value, String label) {
    }

    /** A field whose value a correction changed (null: empty). */
    record FieldChange(String field, String before, String after) {
    }
}
