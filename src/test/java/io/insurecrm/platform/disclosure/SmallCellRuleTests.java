package io.insurecrm.platform.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.platform.security.Role;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

class SmallCellRuleTests {

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void noSmallCellWithholdsNothing() {
        SmallCellRule.Withheld withheld = SmallCellRule.partition(new long[] {5, 9, 120}, 5);
        assertThat(withheld.cells()).containsExactly(false, false, false);
        assertThat(withheld.total()).isFalse();
        assertThat(withheld.any()).isFalse();
    }

    @Test
    void oneSmallCellTakesTheNextSmallestWithIt() {
        // 3 alone could be had as total (37) minus 6 minus 28; with 6 withheld too only their sum (9) can
        SmallCellRule.Withheld withheld = SmallCellRule.partition(new long[] {28, 3, 6, 12}, 5);
        assertThat(withheld.cells()).containsExactly(false, true, true, false);
        assertThat(withheld.total()).isFalse();
        assertThat(withheld.any()).isTrue();
    }

    @Test
    void theSecondCellIsTheFirstOfEqualsAndNeverAnEmptyCell() {
        assertThat(SmallCellRule.partition(new long[] {0, 7, 2, 7}, 5).cells()).containsExactly(false, true, true, false);
    }

    @Test
    void twoSmallCellsNeedNoSecondaryCell() {
        assertThat(SmallCellRule.partition(new long[] {1, 40, 4, 9}, 5).cells()).containsExactly(true, false, true, false);
    }

    @Test
    void everyCellSmallWithholdsEveryCellAndATotalUnderK() {
        SmallCellRule.Withheld big = SmallCellRule.partition(new long[] {4, 3, 2}, 5);
        assertThat(big.cells()).containsExactly(true, true, true);
        assertThat(big.total()).as("9 customers in all: the total hides no one cell").isFalse();
        SmallCellRule.Withheld small = SmallCellRule.partition(new long[] {1, 2}, 5);
        assertThat(small.cells()).containsExactly(true, true);
        assertThat(small.total()).as("3 customers in all is a small cell itself").isTrue();
    }

    @Test
    void aSmallCellWithNoOtherCellToHideBehindWithholdsTheTotal() {
        SmallCellRule.Withheld single = SmallCellRule.partition(new long[] {3}, 5);
        assertThat(single.cells()).containsExactly(true);
        assertThat(single.total()).isTrue();
        SmallCellRule.Withheld besideEmpty = SmallCellRule.partition(new long[] {0, 3, 0}, 5);
        assertThat(besideEmpty.cells()).containsExactly(false, true, false);
        assertThat(besideEmpty.total()).isTrue();
    }

    @Test
    void overlappingCellsGetNoSecondaryCell() {
        SmallCellRule.Withheld withheld = SmallCellRule.independent(new long[] {50, 2, 6}, 5);
        assertThat(withheld.cells()).containsExactly(false, true, false);
        assertThat(withheld.total()).isFalse();
    }

    @Test
    void kOfZeroWithholdsNothing() {
        assertThat(SmallCellRule.partition(new long[] {1, 2, 0}, 0).any()).isFalse();
        assertThat(SmallCellRule.table(new long[][] {{1, 2}, {0, 1}}, 0).any()).isFalse();
    }

    @Test
    void noDerivableCellInAnyPartitionOfUpToFiveCells() {
        // exhaustive over small partitions: after the rule, no withheld cell is alone in its breakdown unless the
        // total is withheld as well, so subtraction from the total never gives one cell
        int k = 5;
        for (int size = 1; size <= 4; size++) {
            for (long[] cells : partitions(size, 8)) {
                SmallCellRule.Withheld withheld = SmallCellRule.partition(cells, k);
                int hidden = 0;
                for (int i = 0; i < size; i++) {
                    if (cells[i] > 0 && cells[i] < k) {
                        assertThat(withheld.cell(i)).as("small cell %s of %s", i, java.util.Arrays.toString(cells)).isTrue();
                    }
                    hidden += withheld.cell(i) ? 1 : 0;
                }
                assertThat(hidden == 1 && !withheld.total()).as("derivable: %s", java.util.Arrays.toString(cells)).isFalse();
            }
        }
    }

    private static List<long[]> partitions(int size, int max) {
        List<long[]> all = new java.util.ArrayList<>();
        int combinations = (int) Math.pow(max + 1, size);
        for (int n = 0; n < combinations; n++) {
            long[] cells = new long[size];
            int rest = n;
            for (int i = 0; i < size; i++) {
                cells[i] = rest % (max + 1);
                rest /= max + 1;
            }
            all.add(cells);
        }
        return all;
    }

    @Test
    void aTableIsProtectedPerRowAndPerColumn() {
        // rows = segment on the first day, columns = segment on the second; one small cell (2) in the middle
        long[][] matrix = {
                {40, 6, 0},
                {7, 2, 30},
                {0, 9, 50}};
        SmallCellRule.WithheldTable withheld = SmallCellRule.table(matrix, 5);
        // row 1 takes 7 with it; column 0 then has one (7) and takes 40, column 1 has one (2) and takes 6: two per line
        assertThat(withheld.cells()[0]).containsExactly(true, true, false);
        assertThat(withheld.cells()[1]).containsExactly(true, true, false);
        assertThat(withheld.cells()[2]).containsExactly(false, false, false);
        assertNothingDerivable(matrix, withheld);
    }

    @Test
    void aDiagonalTableWithholdsTheNextSmallestRowSinceTheRowTotalsAddUpToTheGrandTotal() {
        // a what-if preview that moves nobody: each row and column has one cell, so the per-row rule finds no second
        // cell; 2 = 15 - 7 - 6 would follow from the grand total, so the next smallest row (6) goes too
        long[][] matrix = {{2, 0, 0}, {0, 7, 0}, {0, 0, 6}};
        SmallCellRule.WithheldTable withheld = SmallCellRule.table(matrix, 5);
        assertThat(withheld.cells()[0]).containsExactly(true, false, false);
        assertThat(withheld.cells()[1]).containsExactly(false, false, false);
        assertThat(withheld.cells()[2]).containsExactly(false, false, true);
        assertNothingDerivable(matrix, withheld);
    }

    @Test
    void aTableWithoutSmallCellsWithholdsNothingAndOneOfOnlySmallCellsWithholdsItsTotals() {
        assertThat(SmallCellRule.table(new long[][] {{5, 8}, {0, 12}}, 5).any()).isFalse();
        SmallCellRule.WithheldTable small = SmallCellRule.table(new long[][] {{1, 0}, {0, 2}}, 5);
        assertThat(small.cells()[0]).containsExactly(true, false);
        assertThat(small.cells()[1]).containsExactly(false, true);
        assertThat(small.rowTotals()).containsExactly(true, true);
        assertThat(small.columnTotals()).containsExactly(true, true);
    }

    @Test
    void randomTablesNeverLeaveOneWithheldCellInARowOrColumnWithAShownTotal() {
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 2000; n++) {
            int rows = 1 + random.nextInt(5);
            int columns = 1 + random.nextInt(5);
            long[][] matrix = new long[rows][columns];
            for (long[] row : matrix) {
                for (int c = 0; c < columns; c++) {
                    row[c] = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
                }
            }
            assertNothingDerivable(matrix, SmallCellRule.table(matrix, 5));
        }
    }

    /**
     * Nothing can be had by subtraction: no row or column with exactly one withheld cell while its total is shown, and
     * not exactly one withheld row (column) total while another row (column) has customers — the row totals add up to
     * the grand total.
     */
    private static void assertNothingDerivable(long[][] matrix, SmallCellRule.WithheldTable withheld) {
        boolean[][] cells = withheld.cells();
        String table = java.util.Arrays.deepToString(matrix);
        for (int r = 0; r < cells.length; r++) {
            int hidden = 0;
            for (int c = 0; c < cells[r].length; c++) {
                hidden += cells[r][c] ? 1 : 0;
                if (matrix[r][c] > 0 && matrix[r][c] < 5) {
                    assertThat(cells[r][c]).as("small cell %s,%s of %s", r, c, table).isTrue();
                }
            }
            assertThat(hidden == 1 && !withheld.rowTotals()[r]).as("row %s of %s", r, table).isFalse();
        }
        for (int c = 0; c < withheld.columnTotals().length; c++) {
            int hidden = 0;
            for (boolean[] row : cells) {
                hidden += row[c] ? 1 : 0;
            }
            assertThat(hidden == 1 && !withheld.columnTotals()[c]).as("column %s of %s", c, table).isFalse();
        }
        assertOneWithheldTotalOnlyAlone(withheld.rowTotals(), java.util.Arrays.stream(matrix)
                .mapToLong(row -> java.util.Arrays.stream(row).sum()).toArray(), table);
        long[] columnSums = new long[withheld.columnTotals().length];
        for (long[] row : matrix) {
            for (int c = 0; c < row.length; c++) {
                columnSums[c] += row[c];
            }
        }
        assertOneWithheldTotalOnlyAlone(withheld.columnTotals(), columnSums, table);
    }

    private static void assertOneWithheldTotalOnlyAlone(boolean[] totals, long[] sums, String table) {
        int hidden = 0;
        long others = 0;
        for (int i = 0; i < totals.length; i++) {
            hidden += totals[i] ? 1 : 0;
            others += totals[i] ? 0 : sums[i];
        }
        assertThat(hidden == 1 && others > 0).as("one withheld total in %s", table).isFalse();
    }

    @Test
    void onlyAnalystsGetCellsWithheld() {
        SmallCellRule rule = new SmallCellRule(5);
        signIn(Role.ANALYST);
        assertThat(rule.partition(new long[] {3, 20, 30}).cells()).containsExactly(true, true, false);
        assertThat(rule.marker()).isEqualTo("<5");
        for (Role role : List.of(Role.BRANCH_MANAGER, Role.AGENT, Role.ADVISOR, Role.COMPLIANCE, Role.ADMIN)) {
            signIn(role);
            assertThat(rule.partition(new long[] {3, 20, 30}).any()).as(role.name()).isFalse();
            assertThat(rule.threshold()).isZero();
        }
    }

    @Test
    void kOutsideTwoToAThousandIsRefused() {
        assertThatThrownBy(() -> new SmallCellRule(1)).hasMessageContaining("crm.analytics.k");
        assertThatThrownBy(() -> new SmallCellRule(1001)).hasMessageContaining("crm.analytics.k");
    }

    private static void signIn(Role role) {
        io.insurecrm.fixtures.Staff.signInOnThread(role, role == Role.AGENT ? 7L : null, role == Role.BRANCH_MANAGER ? 3L : null);
    }
}
