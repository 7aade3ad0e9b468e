package io.insurecrm.crosssell;

import java.util.List;

/**
 * A customer's score (estimated probability of holding the product) and the reasons: the features that raised its
 * logit most compared with the average training customer, largest first.
 */
public record Propensity(double score, List<Reason> reasons) {

    public Propensity {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
        reasons = List.copyOf(reasons);
    }

    /** A feature (such as {@code APERSAUT} or {@code MOSTYPE=8}) and what it added to the logit. */
    public record Reason(String feature, double contribution) {
    }
}
