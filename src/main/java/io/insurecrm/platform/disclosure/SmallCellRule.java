package io.insurecrm.platform.disclosure;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one rule for small cells in every aggregate an analyst sees (docs/privacy.md section 7). Analysts see
 * de-identified data: a cell (a group of customers in a breakdown) counting fewer than k customers
 * ({@code crm.analytics.k}, default 5) shows neither its count nor any rate computed from it.
 *
 * <p>Secondary suppression, so a withheld cell cannot be worked out by subtraction: in a breakdown whose cells add up
 * to a total that is shown (or can be had from another view, such as the book's total), when exactly one cell is
 * withheld, the next smallest cell is withheld too. When there is no other cell to withhold (the breakdown has one
 * cell with customers), the total is withheld instead. A total of fewer than k customers is withheld. In a
 * two-dimensional table (a migration matrix) this holds per row and per column, repeated until no row or column has
 * exactly one withheld cell. A cell of no customers is shown as 0 and never chosen as the second cell: it hides no
 * one, and hiding a known zero protects nothing.
 *
 * <p>Staff of the other roles see every figure: they see personal data anyway. The rule works on groups already
 * computed; it never queries.
 */
@Component
public class SmallCellRule {

    private final int k;

    public SmallCellRule(@Value("${crm.analytics.k:5}") int k) {
        if (k < 2 || k > 1000) {
            throw new IllegalArgumentException("crm.analytics.k must be 2…1000, was " + k);
        }
        this.k = k;
    }

    /** The smallest number of customers a cell shown to an analyst may count. */
    public int k() {
        return k;
    }

    /** Whether the signed-in staff member gets withheld cells: analysts only. */
    public boolean appliesToCurrentStaff() {
        return CurrentStaff.get().map(staff -> staff.role() == Role.ANALYST).orElse(false);
    }

    /** The threshold to apply for the current staff member: k for an analyst, 0 (nothing withheld) for the others. */
    public int threshold() {
        return appliesToCurrentStaff() ? k : 0;
    }

    /** Marker shown in place of a withheld count, in both languages: {@code <5}. */
    public String marker() {
        return "<" + k;
    }

    /**
     * The cells withheld from the current staff member in a breakdown that adds up to a shown total (the customers
     * per cell in order); nothing withheld for staff other than analysts.
     */
    public Withheld partition(long[] customers) {
        return partition(customers, threshold());
    }

    /** As {@link #partition(long[], boolean[], int)} for the current staff member. */
    public Withheld partition(long[] customers, boolean[] alreadyWithheld) {
        return partition(customers, alreadyWithheld, threshold());
    }

    /** As {@link #partition(long[])}, for a list of cells that do not add up (they overlap): no secondary cell. */
    public Withheld independent(long[] customers) {
        return independent(customers, threshold());
    }

    /** As {@link #partition(long[])} for a two-dimensional table: per row and per column. */
    public WithheldTable table(long[][] customers) {
        return table(customers, threshold());
    }

    /**
     * The rule for a breakdown whose cells add up to a shown total. {@code k} 0 or 1 withholds nothing.
     *
     * @param customers the customers of each cell, in order (none negative)
     */
    public static Withheld partition(long[] customers, int k) {
        return partition(customers, new boolean[customers.length], k);
    }

    /**
     * As {@link #partition(long[], int)}, with cells already withheld for another reason (the group is withheld in a
     * linked breakdown: a tier withheld in the tier distribution is withheld in the renewal rate per tier); they count
     * as withheld cells for the secondary suppression.
     */
    public static Withheld partition(long[] customers, boolean[] alreadyWithheld, int k) {
        if (alreadyWithheld.length != customers.length) {
            throw new IllegalArgumentException(alreadyWithheld.length + " flags for " + customers.length + " cells");
        }
        boolean[] cells = primary(customers, k);
        for (int i = 0; i < cells.length; i++) {
            cells[i] |= alreadyWithheld[i] && k > 1;
        }
        long total = Arrays.stream(customers).sum();
        boolean totalWithheld = total > 0 && total < k;
        if (count(cells) == 1) {
            int second = smallestShown(customers, cells);
            if (second < 0) {
                totalWithheld = true;
            } else {
                cells[second] = true;
            }
        }
        return new Withheld(cells, totalWithheld);
    }

    /** The rule for cells that do not add up to a total (a top list, overlapping holdings): primary only. */
    public static Withheld independent(long[] customers, int k) {
        return new Withheld(primary(customers, k), false);
    }

    /**
     * The rule for a two-dimensional table whose row and column totals are known or derivable (a migration matrix: its
     * margins are the segment distributions on the two days, and its grand total the customers in scope): each cell under
     * k withheld; then, until nothing changes, a row or column with exactly one withheld cell has its next smallest cell
     * withheld too, or — when it has no other cell with customers — its total counts as withheld; and the row totals
     * (and the column totals) are themselves a breakdown of the grand total, so when exactly one of them is withheld, the
     * next smallest row (column) is withheld whole.
     */
    public static WithheldTable table(long[][] customers, int k) {
        int rows = customers.length;
        int columns = rows == 0 ? 0 : customers[0].length;
        boolean[][] cells = new boolean[rows][];
        for (int r = 0; r < rows; r++) {
            if (customers[r].length != columns) {
                throw new IllegalArgumentException("Row " + r + " has " + customers[r].length + " cells, not " + columns);
            }
            cells[r] = primary(customers[r], k);
        }
        long[] rowSums = new long[rows];
        long[] columnSums = new long[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                rowSums[r] += customers[r][c];
                columnSums[c] += customers[r][c];
            }
        }
        boolean[] rowTotals = primary(rowSums, k);
        boolean[] columnTotals = primary(columnSums, k);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r < rows; r++) {
                if (count(cells[r]) == 1 && !rowTotals[r]) {
                    int second = smallestShown(customers[r], cells[r]);
                    if (second < 0) {
                        rowTotals[r] = true;
                    } else {
                        cells[r][second] = true;
                    }
                    changed = true;
                }
            }
            for (int c = 0; c < columns; c++) {
                long[] column = new long[rows];
                boolean[] withheld = new boolean[rows];
                for (int r = 0; r < rows; r++) {
                    column[r] = customers[r][c];
                    withheld[r] = cells[r][c];
                }
                if (count(withheld) == 1 && !columnTotals[c]) {
                    int second = smallestShown(column, withheld);
                    if (second < 0) {
                        columnTotals[c] = true;
                    } else {
                        cells[second][c] = true;
                    }
                    changed = true;
                }
            }
            if (count(rowTotals) == 1) {
                int second = smallestShown(rowSums, rowTotals);
                if (second >= 0) {
                    rowTotals[second] = true;
                    for (int c = 0; c < columns; c++) {
                        cells[second][c] |= customers[second][c] > 0;
                    }
                    changed = true;
                }
            }
            if (count(columnTotals) == 1) {
                int second = smallestShown(columnSums, columnTotals);
                if (second >= 0) {
                    columnTotals[second] = true;
                    for (int r = 0; r < rows; r++) {
                        cells[r][second] |= customers[r][second] > 0;
                    }
                    changed = true;
                }
            }
        }
        return new WithheldTable(cells, rowTotals, columnTotals);
    }

    private static boolean[] primary(long[] customers, int k) {
        boolean[] cells = new boolean[customers.length];
        for (int i = 0; i < customers.length; i++) {
            if (customers[i] < 0) {
                throw new IllegalArgumentException("Cell " + i + " counts " + customers[i] + " customers");
            }
            cells[i] = customers[i] > 0 && customers[i] < k;
        }
        return cells;
    }

    /** The shown cell of fewest customers (but some), the first of equals; -1 when there is none. */
    private static int smallestShown(long[] customers, boolean[] withheld) {
        int best = -1;
        for (int i = 0; i < customers.length; i++) {
            if (!withheld[i] && customers[i] > 0 && (best < 0 || customers[i] < customers[best])) {
                best = i;
            }
        }
        return best;
    }

    private static int count(boolean[] cells) {
        int n = 0;
        for (boolean cell : cells) {
            n += cell ? 1 : 0;
        }
        return n;
    }

    /** Which cells of a breakdown are withheld, and whether its total is. */
    public record Withheld(boolean[] cells, boolean total) {

        public Withheld {
            cells = cells.clone();
        }

        public boolean cell(int index) {
            return cells[index];
        }

        /** Whether any cell (or the total) is withheld: the view then says why. */
        public boolean any() {
            return total || count(cells) > 0;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Withheld w && w.total == total && Arrays.equals(w.cells, cells);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(cells) + Boolean.hashCode(total);
        }

        @Override
        public String toString() {
            return "Withheld" + Arrays.toString(cells) + (total ? " and the total" : "");
        }
    }

    /** Which cells of a two-dimensional table are withheld, and which row and column totals. */
    public record WithheldTable(boolean[][] cells, boolean[] rowTotals, boolean[] columnTotals) {

        public boolean cell(int row, int column) {
            return cells[row][column];
        }

        public boolean any() {
            for (boolean[] row : cells) {
                if (count(row) > 0) {
                    return true;
                }
            }
            return count(rowTotals) > 0 || count(columnTotals) > 0;
        }
    }
}
