package io.insurecrm.privacy;

/** A field a CORRECTION request changed, before and after, masked where sensitive (name, phone); null: empty. */
public record CorrectedField(String field, String before, String after) {

    /** The fields whose values are masked in the request and the audit trail. */
    static final java.util.Set<String> SENSITIVE = java.util.Set.of("name", "phone");

    static CorrectedField masked(String field, String before, String after) {
        return SENSITIVE.contains(field) ? new CorrectedField(field, mask(field, before), mask(field, after))
                : new CorrectedField(field, before, after);
    }

    /** A name keeps its first character, a phone its first 3 and last 4 digits; the rest becomes stars. */
    static String mask(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        int[] points = value.codePoints().toArray();
        int keepStart = "phone".equals(field) ? Math.min(3, points.length / 3) : 1;
        int keepEnd = "phone".equals(field) && points.length >= 8 ? 4 : 0;
        StringBuilder masked = new StringBuilder();
        for (int i = 0; i < points.length; i++) {
            if (i < keepStart || i >= points.length - keepEnd) {
                masked.appendCodePoint(points[i]);
            } else {
                masked.append('*');
            }
        }
        if (points.length == 1) {
            masked.append('*');
        }
        return masked.toString();
    }

    /** For the audit reason: {@code field before→after}. */
    String describe() {
        return field + " " + (before == null ? "∅" : before) + "→" + (after == null ? "∅" : after);
    }
}
