package io.insurecrm.crosssell;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogisticRegressionTests {

    /** Rows drawn (seeded) from a known model: logit = -1 + 2 x1 - 3 x2. */
    private static double[][] x;
    private static int[] y;

    static {
        Random random = new Random(42);
        int n = 20_000;
        x = new double[n][2];
        y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            double p = LogisticRegression.sigmoid(-1 + 2 * x[i][0] - 3 * x[i][1]);
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
    }

    @Test
    void recoversTheWeightsOfAKnownLogisticRelation() {
        double[] w = new LogisticRegression(0.01).fit(x, y).weights();

        assertThat(w[0]).isCloseTo(-1, within(0.15));
        assertThat(w[1]).isCloseTo(2, within(0.15));
        assertThat(w[2]).isCloseTo(-3, within(0.15));
    }

    @Test
    void separatesSeparableDataAndThePenaltyKeepsTheWeightsFinite() {
        double[][] points = {{-2}, {-1.5}, {-1}, {-0.5}, {0.5}, {1}, {1.5}, {2}};
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 1};
        LogisticRegression model = new LogisticRegression(0.1).fit(points, labels);

        for (int i = 0; i < points.length; i++) {
            assertThat(model.probability(points[i]) > 0.5).isEqualTo(labels[i] == 1);
        }
        assertThat(model.weights()[1]).isPositive().isLessThan(1e3);
    }

    @Test
    void theLossNeverIncreasesAndEndsAtAStationaryPoint() {
        LogisticRegression model = new LogisticRegression(1).fit(x, y);
        List<Double> losses = model.lossHistory();

        assertThat(losses).hasSizeGreaterThan(2);
        for (int i = 1; i < losses.size(); i++) {
            assertThat(losses.get(i)).isLessThanOrEqualTo(losses.get(i - 1));
        }
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
        double[] g = LogisticRegression.gradient(model.weights(), x, y, 1);
        for (double component : g) {
            assertThat(Math.abs(component)).isLessThan(1e-4);
        }
    }

    @Test
    void theGradientMatchesFiniteDifferencesOfTheLoss() {
        double[] w = {0.3, -0.7, 0.4};
        double lambda = 2;
        double[][] sample = java.util.Arrays.copyOf(x, 500);
        int[] labels = java.util.Arrays.copyOf(y, 500);
        double[] g = LogisticRegression.gradient(w, sample, labels, lambda);
        double h = 1e-6;
        for (int j = 0; j < w.length; j++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[j] += h;
            down[j] -= h;
            double numeric = (LogisticRegression.loss(up, sample, labels, lambda) - LogisticRegression.loss(down, sample, labels, lambda)) / (2 * h);
            assertThat(g[j]).isCloseTo(numeric, within(1e-4 * (1 + Math.abs(numeric))));
        }
    }

    @Test
    void theSameDataGiveTheSameWeightsBitForBit() {
        assertThat(new LogisticRegression(1).fit(x, y).weights()).containsExactly(new LogisticRegression(1).fit(x, y).weights());
    }

    @Test
    void scoringBeforeTrainingIsRefusedWithAMessage() {
        LogisticRegression model = new LogisticRegression(1);

        assertThat(model.trained()).isFalse();
        assertThatThrownBy(() -> model.probability(new double[] {1, 2})).isInstanceOf(CrossSellRefused.class)
                .hasMessageContaining("not trained");
    }

    @Test
    void choleskySolvesASymmetricPositiveDefiniteSystem() {
        double[][] a = {{4, 2, 0}, {2, 5, 1}, {0, 1, 3}};
        double[] solution = LogisticRegression.Cholesky.solve(a, new double[] {2, 1, 4});
        for (int i = 0; i < 3; i++) {
            double lhs = 0;
            for (int j = 0; j < 3; j++) {
                lhs += a[i][j] * solution[j];
            }
            assertThat(lhs).isCloseTo(new double[] {2, 1, 4}[i], within(1e-12));
        }
    }
}
