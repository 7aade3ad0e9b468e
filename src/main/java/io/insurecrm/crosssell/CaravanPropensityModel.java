package io.insurecrm.crosssell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Propensity to hold a caravan policy, from a CoIL 2000 customer's 85 columns: L2-regularised logistic regression on
 * {@link CaravanFeatures} (155 standardised features). Plain Java, no Spring; deterministic. Train once with
 * {@link #train}, then score; scoring an untrained model is refused.
 */
public final class CaravanPropensityModel {

    /** Chosen before looking at the cross-validation (weights of standardised features, 5,822 rows). */
    public static final double DEFAULT_LAMBDA = 10;

    private final LogisticRegression regression;
    private CaravanFeatures features;

    public CaravanPropensityModel() {
        this(DEFAULT_LAMBDA);
    }

    public CaravanPropensityModel(double lambda) {
        this.regression = new LogisticRegression(lambda);
    }

    /**
     * Trains on customers of 85 (or 86) values each and their caravan labels (0 or 1).
     */
    public CaravanPropensityModel train(List<short[]> customers, int[] caravan) {
        if (customers.isEmpty() || customers.size() != caravan.length) {
            throw new IllegalArgumentException("need one label per customer and at least one customer: "
                    + customers.size() + " customers, " + caravan.length + " labels");
        }
        CaravanFeatures fitted = CaravanFeatures.fit(customers);
        double[][] x = new double[customers.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = fitted.standardised(customers.get(i));
            if (caravan[i] != 0 && caravan[i] != 1) {
                throw new IllegalArgumentException("customer " + (i + 1) + ": caravan label must be 0 or 1, was " + caravan[i]);
            }
        }
        regression.fit(x, caravan);
        features = fitted;
        return this;
    }

    public boolean trained() {
        return features != null;
    }

    /** The estimated probability that this customer holds a caravan policy. */
    public double score(short[] customer) {
        requireTrained();
        return regression.probability(features.standardised(customer));
    }

    /** The score with up to {@code reasons} features that raised the logit (positive contributions only). */
    public Propensity explain(short[] customer, int reasons) {
        requireTrained();
        double[] x = features.standardised(customer);
        double[] w = regression.weights();
        List<String> names = CaravanFeatures.names();
        List<Propensity.Reason> contributions = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            double c = w[j + 1] * x[j];
            if (c > 0) {
                contributions.add(new Propensity.Reason(names.get(j), c));
            }
        }
        contributions.sort(Comparator.comparingDouble(Propensity.Reason::contribution).reversed()
                .thenComparing(Propensity.Reason::feature));
        return new Propensity(regression.probability(x), contributions.subList(0, Math.min(reasons, contributions.size())));
    }

    /** Loss before fitting and after each Newton iteration (for tests and diagnostics). */
    List<Double> lossHistory() {
        return regression.lossHistory();
    }

    private void requireTrained() {
        if (features == null) {
            throw CrossSellRefused.notTrained();
        }
    }
}
