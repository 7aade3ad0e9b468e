package io.insurecrm.segmentation;

/** How many customers were in segment {@code from} and are in {@code to}; null = no placement (new or gone). */
public record MigrationCell(String from, String to, long customers) {

    public boolean moved() {
        return from == null ? to != null : !from.equals(to);
    }
}
