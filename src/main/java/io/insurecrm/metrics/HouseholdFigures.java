package io.insurecrm.metrics;

import java.math.BigDecimal;
import java.util.List;

/**
 * 客均合同 per household: for each household, the active contracts held by its members ÷ its members holding at least
 * one. Only households with at least one such member count.
 *
 * @param households households with at least one member holding an active contract
 * @param overall active contracts of those members ÷ those members (客均合同 inside households)
 * @param distribution households by their own figure, in buckets 1.00–1.99, 2.00–2.99 … 5.00 and more
 * @param top the households with the highest figure (at most the number asked for)
 */
public record HouseholdFigures(long households, Ratio overall, List<Bucket> distribution, List<GroupFigure> top) {

    /** Active contracts per household (户均合同): contracts of the members ÷ households. */
    public BigDecimal contractsPerHousehold() {
        return Ratio.of(overall.activeContracts(), households);
    }

    /**
     * Households whose figure lies in [from, from + 1), the last bucket open-ended.
     *
     * @param from the lower bound, 1 … 5
     * @param openEnded true for the last bucket (from and more)
     */
    public record Bucket(int from, boolean openEnded, long households, long activeContracts, long activeCustomers,
                         boolean suppressed) {

        public Bucket(int from, boolean openEnded, long households, long activeContracts, long activeCustomers) {
            this(from, openEnded, households, activeContracts, activeCustomers, false);
        }

        /** The same bucket with its counts withheld for analysts (fewer than k members: see SmallCells). */
        public Bucket withheld() {
            return new Bucket(from, openEnded, 0, 0, 0, true);
        }
    }

    static final int LAST_BUCKET = 5;

    /** From the buckets found (empty ones may be left out): fills in the empty buckets and sums up. */
    /** The same figures with the top households known by number only (for analysts: de-identified). */
    public HouseholdFigures deidentified() {
        return new HouseholdFigures(households, overall, distribution, top.stream().map(GroupFigure::withoutLabel).toList());
    }

    public static HouseholdFigures of(List<Bucket> found, List<GroupFigure> top) {
        List<Bucket> all = new java.util.ArrayList<>();
        for (int from = 1; from <= LAST_BUCKET; from++) {
            int bucket = from;
            all.add(found.stream().filter(b -> b.from() == bucket).findFirst()
                    .orElse(new Bucket(bucket, bucket == LAST_BUCKET, 0, 0, 0)));
        }
        long households = all.stream().mapToLong(Bucket::households).sum();
        Ratio overall = all.stream().map(b -> new Ratio(b.activeContracts(), b.activeCustomers()))
                .reduce(Ratio.NONE, Ratio::plus);
        return new HouseholdFigures(households, overall, List.copyOf(all), List.copyOf(top));
    }
}
