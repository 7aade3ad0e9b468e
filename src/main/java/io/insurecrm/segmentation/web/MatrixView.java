package io.insurecrm.segmentation.web;

import io.insurecrm.segmentation.MigrationCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A migration matrix for display: rows = from-segments, columns = to-segments ("" = not placed), and the moves. */
record MatrixView(List<String> from, List<String> to, List<MigrationCell> cells, long moved, long total) {

    static MatrixView of(List<MigrationCell> cells) {
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        long moved = 0;
        long total = 0;
        for (MigrationCell cell : cells) {
            String f = Objects.requireNonNullElse(cell.from(), "");
            String t = Objects.requireNonNullElse(cell.to(), "");
            if (!from.contains(f)) {
                from.add(f);
            }
            if (!to.contains(t)) {
                to.add(t);
            }
            total += cell.customers();
            moved += cell.moved() ? cell.customers() : 0;
        }
        return new MatrixView(from, to, cells, moved, total);
    }

    long count(String f, String t) {
        return cells.stream()
                .filter(c -> Objects.requireNonNullElse(c.from(), "").equals(f) && Objects.requireNonNullElse(c.to(), "").equals(t))
                .mapToLong(MigrationCell::customers).sum();
    }

    public long cell(String f, String t) {
        return count(f, t);
    }
}
