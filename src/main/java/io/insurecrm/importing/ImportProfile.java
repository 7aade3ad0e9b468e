package io.insurecrm.importing;

import java.util.Locale;
import java.util.Map;

/**
 * A named column mapping: source column header → field. Headers match case-insensitively and ignoring spaces, so
 * one profile can accept the Chinese and the English headers of the same export.
 */
public record ImportProfile(String name, String entity, String description, Map<String, String> mapping) {

    public static String normalise(String header) {
        return header == null ? "" : header.replace("\uFEFF", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** The field a header maps to, or null when the column is not imported. */
    public String fieldFor(String header) {
        String wanted = normalise(header);
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            if (normalise(entry.getKey()).equals(wanted)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
