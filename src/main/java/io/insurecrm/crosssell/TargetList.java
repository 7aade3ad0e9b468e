package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.time.Instant;
import java.util.List;

/**
 * The customers to offer a product line to, best first: scored by the latest models, not holding the line, with
 * marketing consent, within the caller's scope, each with his VALUE tier and the incentive of that tier for the line;
 * or why there is no list ({@link NextBest.Status}).
 */
public record TargetList(ProductLine line, NextBest.Status status, Integer modelVersion, Instant scoredAt,
                         List<Target> targets) {

    public TargetList {
        targets = List.copyOf(targets);
    }

    public record Target(int rank, long customerId, String name, String city, double score, List<Propensity.Reason> reasons,
                         String valueTier, Incentive incentive) {
        public Target {
            reasons = List.copyOf(reasons);
        }
    }
}
