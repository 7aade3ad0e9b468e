package io.insurecrm.platform.crypto;

/**
 * A column whose values are stored as {@link FieldCipher} envelopes, declared as a bean by the module owning the table
 * so the re-encryption batch (privacy module) can encrypt clear rows and move rows to the active key without knowing
 * the module. The table has a bigint primary key {@code id}.
 *
 * @param table            the table
 * @param valueColumn      the encrypted column
 * @param blindIndexColumn the column holding {@link FieldCipher#blindIndex(String, String)} of the value, or null
 * @param field            the field name of the blind index
 */
public record EncryptedColumn(String table, String valueColumn, String blindIndexColumn, String field) {

    public EncryptedColumn {
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
