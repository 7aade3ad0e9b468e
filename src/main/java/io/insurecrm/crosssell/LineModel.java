package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A trained propensity model for one product line: a logistic regression on standardised features. {@code weights}
 * has the intercept first; feature j is standardised as {@code (x - means[j]) / sds[j]}, so a contribution
 * {@code weights[j+1] × standardised x} reads as "compared with the average training customer".
 */
public record LineModel(ProductLine line, int version, Instant trainedAt, int trainRows, int positives,
                        int holdoutRows, Double auc, Double logLoss, Double liftTop20, long tookMs,
                        List<String> features, double[] means, double[] sds, double[] weights) {

    public LineModel {
        features = List.copyOf(features);
        if (means.length != features.size() || sds.length != features.size() || weights.length != features.size() + 1) {
            throw new IllegalArgumentException("model of " + line + ": " + features.size() + " features but "
                    + means.length + " means, " + sds.length + " sds, " + weights.length + " weights");
        }
    }

    /** Positions of this model's features in {@link BookFeatures#ALL}. */
    int[] positions() {
        List<String> all = BookFeatures.names();
        int[] positions = new int[features.size()];
        for (int j = 0; j < positions.length; j++) {
            positions[j] = all.indexOf(features.get(j));
            if (positions[j] < 0) {
                throw new IllegalStateException("model of " + line + " v" + version + " uses an unknown feature " + features.get(j));
            }
        }
        return positions;
    }

    double[] standardised(double[] bookFeatures, int[] positions) {
        double[] x = new double[positions.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = (bookFeatures[positions[j]] - means[j]) / sds[j];
        }
        return x;
    }

    /** The score of a customer's book features (one value per {@link BookFeatures#ALL}) and up to n reasons. */
    public Propensity explain(double[] bookFeatures, int n) {
        double[] x = standardised(bookFeatures, positions());
        double z = LogisticRegression.logit(weights, x);
        List<Propensity.Reason> reasons = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            double c = weights[j + 1] * x[j];
            if (c > 0 && bookFeatures[positions()[j]] != 0) {
                reasons.add(new Propensity.Reason(features.get(j), c));
            }
        }
        reasons.sort(Comparator.comparingDouble(Propensity.Reason::contribution).reversed()
                .thenComparing(Propensity.Reason::feature));
        return new Propensity(LogisticRegression.sigmoid(z), reasons.subList(0, Math.min(n, reasons.size())));
    }

    /**
     * The logit as one SQL expression over the columns {@code f<j>} of {@link BookFeatures#query}: the
     * standardisation folded into the weights ({@code b' = w0 - Σ w_j m_j / s_j}, {@code w'_j = w_j / s_j}).
     */
    String logitSql() {
        int[] positions = positions();
        double intercept = weights[0];
        StringBuilder sql = new StringBuilder();
        for (int j = 0; j < positions.length; j++) {
            double w = weights[j + 1] / sds[j];
            intercept -= w * means[j];
            if (w != 0) {
                sql.append(" + ").append(Double.toString(w)).append(" * f").append(positions[j]);
            }
        }
        return "(" + Double.toString(intercept) + "::float8" + sql + ")";
    }
}
