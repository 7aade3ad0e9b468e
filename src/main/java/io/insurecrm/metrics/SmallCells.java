package io.insurecrm.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * k-anonymity of the breakdowns shown to analysts (docs/privacy.md section 7, docs/metrics.md): a cell counting fewer
 * than k customers is withheld. When exactly one cell of a breakdown is withheld, the next smallest is withheld too
 * (secondary suppression): the breakdowns add up — customers by region and branch, contracts by every policy-level
 * breakdown, households in the distribution — so a single withheld cell could be worked out as the total minus the
 * others. Staff with access to personal data get the exact figures; this is applied for analysts only.
 */
public final class SmallCells {

    private SmallCells() {
    }

    /** The rows with every cell of fewer than k customers withheld, plus the secondary cell where needed; order kept. */
    public static List<GroupFigure> suppress(List<GroupFigure> rows, int k) {
        List<GroupFigure> out = new ArrayList<>(rows.size());
        int withheld = 0;
        for (GroupFigure row : rows) {
            boolean small = !row.suppressed() && row.activeCustomers() < k;
            out.add(small ? row.withheld() : row);
            withheld += out.get(out.size() - 1).suppressed() ? 1 : 0;
        }
        if (withheld == 1 && out.size() > 1) {
            IntStream.range(0, out.size()).filter(i -> !out.get(i).suppressed()).boxed()
                    .min(Comparator.comparingLong((Integer i) -> rows.get(i).activeCustomers())
                            .thenComparingLong(i -> rows.get(i).activeContracts()))
                    .ifPresent(i -> out.set(i, out.get(i).withheld()));
        }
        return List.copyOf(out);
    }

    /**
     * Household figures for analysts: the top households counting fewer than k members holding a contract withheld
     * (no secondary cell: the list is a top, not a partition), the distribution's buckets as a breakdown.
     */
    public static HouseholdFigures suppress(HouseholdFigures figures, int k) {
        List<HouseholdFigures.Bucket> buckets = new ArrayList<>();
        int withheld = 0;
        for (HouseholdFigures.Bucket bucket : figures.distribution()) {
            boolean small = bucket.activeCustomers() > 0 && bucket.activeCustomers() < k;
            buckets.add(small ? bucket.withheld() : bucket);
            withheld += small ? 1 : 0;
        }
        if (withheld == 1) {
            IntStream.range(0, buckets.size()).filter(i -> !buckets.get(i).suppressed() && buckets.get(i).activeCustomers() > 0)
                    .boxed().min(Comparator.comparingLong(i -> buckets.get(i).activeCustomers()))
                    .ifPresent(i -> buckets.set(i, buckets.get(i).withheld()));
        }
        List<GroupFigure> top = figures.top().stream().map(row -> row.activeCustomers() < k ? row.withheld() : row).toList();
        return new HouseholdFigures(figures.households(), figures.overall(), List.copyOf(buckets), top);
    }
}
