package io.insurecrm.platform.crypto;

import java.util.Objects;

/**
 * A free text that is kept sealed at rest: in Java it is the clear text; a Spring Data JDBC aggregate property of this
 * type is written as a {@link FieldCipher} envelope and opened when read ({@link SealedTextConversions}). For texts
 * that may carry sensitive personal information, such as the health details in a claim's description. A blank text
 * is no text: {@link #of} gives null for it. {@link #toString} does not show the text, so it does not reach logs.
 */
public record SealedText(String clear) {

    public SealedText {
        Objects.requireNonNull(clear, "clear");
    }

    /** The text, or null for null or blank (stripped). */
    public static SealedText of(String text) {
        return text == null || text.isBlank() ? null : new SealedText(text.strip());
    }

    /** The clear text of a possibly absent one. */
    public static String clearOf(SealedText text) {
        return text == null ? null : text.clear();
    }

    @Override
    public String toString() {
        return "SealedText[" + clear.length() + " characters]";
    }
}
