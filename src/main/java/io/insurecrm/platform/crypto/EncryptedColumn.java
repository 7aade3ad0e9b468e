package io.insurecrm.platform.crypto;

import java.util.function.UnaryOperator;

/**
 * A column whose values are stored as {@link FieldCipher} envelopes, declared as a bean by the module owning the table
 * so the re-encryption batch (privacy module) can encrypt clear rows and move rows to the active key without knowing
 * the module. The table has a bigint primary key {@code id}.
 *
 * @param table            the table
 * @param valueColumn      the encrypted column
 * @param blindIndexColumn the column holding {@link FieldCipher#blindIndex(String, String)} of the value, or null
 * @param field            the field name of the blind index
 * @param indexForm        the form of a clear value whose blind index is stored (e.g. a legacy ID number widened to
 *                         its current form), so a value encrypted by the batch is found as the owning module finds it
 */
public record EncryptedColumn(String table, String valueColumn, String blindIndexColumn, String field,
                              UnaryOperator<String> indexForm) {

    /** A column whose blind index is of the value as stored. */
    public EncryptedColumn(String table, String valueColumn, String blindIndexColumn, String field) {
        this(table, valueColumn, blindIndexColumn, field, UnaryOperator.identity());
    }

    public EncryptedColumn {
        if (indexForm == null) {
            indexForm = UnaryOperator.identity();
        }
        for (String name : new String[] {table, valueColumn}) {
            if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain SQL name: " + name);
            }
        }
        if (blindIndexColumn != null && !blindIndexColumn.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain SQL name: " + blindIndexColumn);
        }
    }

    public String name() {
        return table + "." + valueColumn;
    }
}
