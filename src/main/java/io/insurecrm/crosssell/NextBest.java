package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.time.Instant;
import java.util.List;

/**
 * The next-best products of one customer: the lines he does not hold ranked by the propensity models, each with its
 * reasons and the incentive of his VALUE tier ({@code valueTier}, null when he is not placed) for that line; or why
 * there are none ({@link Status}).
 */
public record NextBest(Status status, Integer modelVersion, Instant trainedAt, String valueTier,
                       List<Recommendation> recommendations) {

    public enum Status {
        OK,
        /** No model has been trained yet. */
        NOT_TRAINED,
        /** The customer has not granted (or has withdrawn) consent to analytics. */
        NO_ANALYTICS_CONSENT,
        /** A corporate customer: the models are for individuals. */
        NOT_APPLICABLE
    }

    public NextBest {
        recommendations = List.copyOf(recommendations);
    }

    static NextBest none(Status status) {
        return new NextBest(status, null, null, null, List.of());
    }

    /** A line to offer, its score and reasons, and the incentive that applies (null when none). */
    public record Recommendation(ProductLine line, double score, List<Propensity.Reason> reasons, Incentive incentive) {
        public Recommendation {
            reasons = List.copyOf(reasons);
        }
    }
}
