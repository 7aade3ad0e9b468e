package io.insurecrm.metrics;

import io.insurecrm.platform.disclosure.SmallCellRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The small-cell rule ({@link SmallCellRule}, docs/privacy.md section 7) applied to the 客均合同 figures shown to
 * analysts: a cell counting fewer than k customers is withheld, and when exactly one cell of a breakdown is withheld,
 * the next smallest is withheld too (secondary suppression): the breakdowns add up — customers by region and branch,
 * contracts by every policy-level breakdown, households in the distribution — so a single withheld cell could be
 * worked out as the total minus the others. Staff with access to personal data get the exact figures; callers apply
 * this for analysts only.
 */
public final class SmallCells {

    private SmallCells() {
    }

    /** The rows with every cell of fewer than k customers withheld, plus the secondary cell where needed; order kept. */
    public static List<GroupFigure> suppress(List<GroupFigure> rows, int k) {
        SmallCellRule.Withheld withheld = SmallCellRule.partition(rows.stream().mapToLong(GroupFigure::activeCustomers).toArray(), k);
        List<GroupFigure> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(withheld.cell(i) ? rows.get(i).withheld() : rows.get(i));
        }
        return List.copyOf(out);
    }

    /**
     * Household figures for analysts: the top households counting fewer than k members holding a contract withheld
     * (no secondary cell: the list is a top, not a partition), the distribution's buckets as a breakdown.
     */
    public static HouseholdFigures suppress(HouseholdFigures figures, int k) {
        List<HouseholdFigures.Bucket> distribution = figures.distribution();
        SmallCellRule.Withheld withheld = SmallCellRule.partition(
                distribution.stream().mapToLong(HouseholdFigures.Bucket::activeCustomers).toArray(), k);
        List<HouseholdFigures.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < distribution.size(); i++) {
            buckets.add(withheld.cell(i) ? distribution.get(i).withheld() : distribution.get(i));
        }
        SmallCellRule.Withheld small = SmallCellRule.independent(
                figures.top().stream().mapToLong(GroupFigure::activeCustomers).toArray(), k);
        List<GroupFigure> top = new ArrayList<>();
        for (int i = 0; i < figures.top().size(); i++) {
            top.add(small.cell(i) ? figures.top().get(i).withheld() : figures.top().get(i));
        }
        return new HouseholdFigures(figures.households(), figures.overall(), List.copyOf(buckets), List.copyOf(top));
    }
}
