package io.insurecrm.crosssell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binary logistic regression with an L2 penalty, fitted by Newton's method (IRLS) with a backtracking line search,
 * so the penalised loss never increases from one iteration to the next. Deterministic: no random start, no
 * sampling; the same data give the same weights bit for bit.
 *
 * <p>Loss: {@code L(w) = sum_i [log(1 + e^{z_i}) - y_i z_i] + lambda/2 * sum_{j>=1} w_j^2} with
 * {@code z_i = w_0 + sum_j w_j x_ij}; the intercept {@code w_0} is not penalised.
 */
final class LogisticRegression {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    private final double lambda;
    private double[] weights;
    private final List<Double> lossHistory = new ArrayList<>();

    LogisticRegression(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda must be >= 0, was " + lambda);
        }
        this.lambda = lambda;
    }

    LogisticRegression fit(double[][] x, int[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many labels as rows, and at least one row: " + x.length + " rows, " + y.length + " labels");
        }
        int d = x[0].length + 1;
        double[] w = new double[d];
        lossHistory.clear();
        double loss = loss(w, x, y, lambda);
        lossHistory.add(loss);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] g = gradient(w, x, y, lambda);
            double[][] h = hessian(w, x, lambda);
            double[] step = Cholesky.solve(h, g);
            double slope = dot(g, step);
            double t = 1;
            double[] candidate = new double[d];
            double next;
            int halvings = 0;
            while (true) {
                for (int j = 0; j < d; j++) {
                    candidate[j] = w[j] - t * step[j];
                }
                next = loss(candidate, x, y, lambda);
                if (next <= loss - 1e-4 * t * slope || halvings++ >= 40) {
                    break;
                }
                t /= 2;
            }
            if (next > loss) {
                break;
            }
            w = candidate;
            double improvement = loss - next;
            loss = next;
            lossHistory.add(loss);
            if (improvement <= TOLERANCE * (1 + Math.abs(loss))) {
                break;
            }
        }
        weights = w;
        return this;
    }

    boolean trained() {
        return weights != null;
    }

    /** Intercept first, then one weight per feature. */
    double[] weights() {
        requireTrained();
        return weights.clone();
    }

    /** The penalised loss before fitting and after every accepted iteration. */
    List<Double> lossHistory() {
        return List.copyOf(lossHistory);
    }

    double logit(double[] features) {
        requireTrained();
        return logit(weights, features);
    }

    double probability(double[] features) {
        return sigmoid(logit(features));
    }

    private void requireTrained() {
        if (weights == null) {
            throw CrossSellRefused.notTrained();
        }
    }

    static double logit(double[] w, double[] features) {
        if (features.length + 1 != w.length) {
            throw new IllegalArgumentException("expected " + (w.length - 1) + " features, got " + features.length);
        }
        double z = w[0];
        for (int j = 0; j < features.length; j++) {
            z += w[j + 1] * features[j];
        }
        return z;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    static double loss(double[] w, double[][] x, int[] y, double lambda) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = logit(w, x[i]);
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            sum += softplus - y[i] * z;
        }
        double penalty = 0;
        for (int j = 1; j < w.length; j++) {
            penalty += w[j] * w[j];
        }
        return sum + lambda / 2 * penalty;
    }

    static double[] gradient(double[] w, double[][] x, int[] y, double lambda) {
        double[] g = new double[w.length];
        for (int i = 0; i < x.length; i++) {
            double r = sigmoid(logit(w, x[i])) - y[i];
            g[0] += r;
            for (int j = 0; j < x[i].length; j++) {
                g[j + 1] += r * x[i][j];
            }
        }
        for (int j = 1; j < w.length; j++) {
            g[j] += lambda * w[j];
        }
        return g;
    }

    private static double[][] hessian(double[] w, double[][] x, double lambda) {
        int d = w.length;
        double[][] h = new double[d][d];
        double[] row = new double[d];
        row[0] = 1;
        for (double[] xi : x) {
            double p = sigmoid(logit(w, xi));
            double s = p * (1 - p);
            System.arraycopy(xi, 0, row, 1, d - 1);
            for (int a = 0; a < d; a++) {
                double sa = s * row[a];
                if (sa == 0) {
                    continue;
                }
                double[] ha = h[a];
                for (int b = 0; b <= a; b++) {
                    ha[b] += sa * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                h[b][a] = h[a][b];
            }
            h[a][a] += a == 0 ? 1e-9 : lambda + 1e-9;
        }
        return h;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return "LogisticRegression[lambda=" + lambda + ", weights=" + (weights == null ? "untrained" : Arrays.toString(weights)) + "]";
    }

    /** Solves a symmetric positive-definite system. */
    static final class Cholesky {

        private Cholesky() {
        }

        static double[] solve(double[][] a, double[] b) {
            int n = b.length;
            double[][] l = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = a[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i][k] * l[j][k];
                    }
                    if (i == j) {
                        if (s <= 0) {
                            throw new IllegalStateException("matrix is not positive definite at " + i);
                        }
                        l[i][i] = Math.sqrt(s);
                    } else {
                        l[i][j] = s / l[j][j];
                    }
                }
            }
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                double s = b[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * z[k];
                }
                z[i] = s / l[i][i];
            }
            double[] x = new double[n];
            for (int i = n - 1; i >= 0; i--) {
                double s = z[i];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k][i] * x[k];
                }
                x[i] = s / l[i][i];
            }
            return x;
        }
    }
}
