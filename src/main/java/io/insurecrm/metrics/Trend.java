package io.insurecrm.metrics;

import java.util.List;

/**
 * The monthly trend of 客均合同.
 *
 * @param source where the points come from: the nightly book-wide snapshots, or computed live for a restricted scope
 */
public record Trend(Source source, List<TrendPoint> points) {

    public enum Source {
        /** Book-wide month-end snapshots (table contracts_per_customer_monthly), for staff who see the whole book. */
        SNAPSHOTS,
        /** Computed on request for the staff member's own book or branch, from the same rule as the snapshots. */
        LIVE
    }
}
