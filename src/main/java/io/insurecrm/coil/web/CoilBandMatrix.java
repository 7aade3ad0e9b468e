package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilBandPreview;
import io.insurecrm.coil.CoilValueBand;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * A value band preview for display and for the API: the migration matrix from the active bands (rows) to the proposed
 * ones (columns). For analysts (k above 0) the small-cell rule ({@link SmallCellRule#table}) withholds every cell of
 * fewer than k customers and, per row and per column, a second one where one would be alone; {@code moved} and
 * {@code total} then count the published cells only ({@code partial}).
 */
record CoilBandMatrix(int activeVersion, List<CoilValueBand> from, List<CoilValueBand> to, long moved, long total,
                      boolean partial, Integer k, List<Cell> cells) {

    @Schema(description = "Customers in band `from` under the active rules and in band `to` under the proposed ones. For "
            + "analysts a cell of fewer than k customers, and a second cell per row and column where one would be alone, "
            + "has suppressed = true and customers null (docs/privacy.md section 7)")
    record Cell(CoilValueBand from, CoilValueBand to, Long customers, boolean suppressed) {
    }

    static CoilBandMatrix of(CoilBandPreview preview, int k) {
        boolean[][] withheld = SmallCellRule.table(preview.counts(), k).cells();
        List<Cell> cells = new ArrayList<>();
        long moved = 0;
        long total = 0;
        boolean partial = false;
        for (int r = 0; r < preview.from().size(); r++) {
            for (int c = 0; c < preview.to().size(); c++) {
                CoilValueBand f = preview.from().get(r);
                CoilValueBand t = preview.to().get(c);
                long count = preview.counts()[r][c];
                if (withheld[r][c]) {
                    partial = true;
                    cells.add(new Cell(f, t, null, true));
                } else {
                    total += count;
                    moved += f == t ? 0 : count;
                    cells.add(new Cell(f, t, count, false));
                }
            }
        }
        return new CoilBandMatrix(preview.activeVersion(), preview.from(), preview.to(), moved, total, partial,
                k > 0 ? k : null, List.copyOf(cells));
    }

    /** The cell from {@code f} to {@code t}. */
    public Cell cell(CoilValueBand f, CoilValueBand t) {
        return cells.stream().filter(c -> c.from() == f && c.to() == t).findFirst().orElseThrow();
    }
}
