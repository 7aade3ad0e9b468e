package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.segmentation.MigrationCell;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A migration matrix for display: rows = from-segments, columns = to-segments ("" = not placed), and the moves. For
 * analysts (k above 0) the small-cell rule ({@link SmallCellRule#table}) withholds every cell of fewer than k customers
 * and, per row and per column, a second one where a row or column would otherwise have exactly one; {@code moved} and
 * {@code total} then count the published cells only ({@code partial}), since the moved customers are the total minus
 * the diagonal and would give a withheld diagonal cell away.
 */
record MatrixView(List<String> from, List<String> to, List<MigrationCell> cells, long moved, long total, long[][] counts,
                  boolean[][] withheld, Integer k) {

    static MatrixView of(List<MigrationCell> cells) {
        return of(cells, 0);
    }

    static MatrixView of(List<MigrationCell> cells, int k) {
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        for (MigrationCell cell : cells) {
            String f = Objects.requireNonNullElse(cell.from(), "");
            String t = Objects.requireNonNullElse(cell.to(), "");
            if (!from.contains(f)) {
                from.add(f);
            }
            if (!to.contains(t)) {
                to.add(t);
            }
        }
        long[][] counts = new long[from.size()][to.size()];
        for (MigrationCell cell : cells) {
            counts[from.indexOf(Objects.requireNonNullElse(cell.from(), ""))][to.indexOf(Objects.requireNonNullElse(cell.to(), ""))]
                    += cell.customers();
        }
        boolean[][] withheld = SmallCellRule.table(counts, k).cells();
        long moved = 0;
        long total = 0;
        for (int r = 0; r < from.size(); r++) {
            for (int c = 0; c < to.size(); c++) {
                if (!withheld[r][c]) {
                    total += counts[r][c];
                    moved += from.get(r).equals(to.get(c)) ? 0 : counts[r][c];
                }
            }
        }
        return new MatrixView(from, to, cells, moved, total, counts, withheld, k > 0 ? k : null);
    }

    /** The customers who moved from {@code f} to {@code t}; 0 for a withheld cell (see {@link #withheld(String, String)}). */
    public long cell(String f, String t) {
        int r = from.indexOf(f);
        int c = to.indexOf(t);
        return r < 0 || c < 0 || withheld[r][c] ? 0 : counts[r][c];
    }

    /** Whether the cell is withheld from the analyst reading it. */
    public boolean withheld(String f, String t) {
        int r = from.indexOf(f);
        int c = to.indexOf(t);
        return r >= 0 && c >= 0 && withheld[r][c];
    }

    /** Whether any cell is withheld: moved and total count the published cells only. */
    public boolean partial() {
        for (boolean[] row : withheld) {
            for (boolean cell : row) {
                if (cell) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cells as the API returns them, in the order found: withheld ones with null customers and suppressed. */
    List<MigrationCount> published() {
        return cells.stream().map(cell -> withheld(Objects.requireNonNullElse(cell.from(), ""), Objects.requireNonNullElse(cell.to(), ""))
                ? new MigrationCount(cell.from(), cell.to(), null, true)
                : new MigrationCount(cell.from(), cell.to(), cell.customers(), false)).toList();
    }

    @Schema(description = "Customers in segment `from` on the first day and `to` on the second (null = not placed). For "
            + "analysts a cell of fewer than k customers, and a second cell per row and column where one would be alone, "
            + "has suppressed = true and customers null (docs/privacy.md section 7)")
    record MigrationCount(String from, String to, Long customers, boolean suppressed) {
    }
}
