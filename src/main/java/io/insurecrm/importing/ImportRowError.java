package io.insurecrm.importing;

/** One reason a row was not imported: its row number (header = 1), the source column and value, and the reason. */
public record ImportRowError(int rowNumber, String column, String value, String reasonKey, String reasonArg) {

    /** The reason's message arguments ("a|b" stored as two). */
    public Object[] reasonArguments() {
        return reasonArg == null ? new Object[0] : reasonArg.split("\\|", -1);
    }
}
