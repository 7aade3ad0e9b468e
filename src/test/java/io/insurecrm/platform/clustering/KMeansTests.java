package io.insurecrm.platform.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.junit.jupiter.api.Test;

class KMeansTests {

    @Test
    void twoTightFarApartGroupsScoreNearOneAndTheWrongSplitScoresLower() {
        List<DoublePoint> points = List.of(new DoublePoint(new double[] {0, 0}), new DoublePoint(new double[] {0, 1}),
                new DoublePoint(new double[] {10, 0}), new DoublePoint(new double[] {10, 1}));

        double good = KMeans.silhouette(points, List.of(new double[] {0, 0.5}, new double[] {10, 0.5}));
        double bad = KMeans.silhouette(points, List.of(new double[] {5, 0}, new double[] {5, 1}));

        // a = 1, b = mean(10, sqrt(101)) for every point
        double b = (10 + Math.sqrt(101)) / 2;
        assertThat(good).isCloseTo((b - 1) / b, within(1e-12));
        assertThat(bad).isLessThan(0);
        assertThat(KMeans.nearest(new double[] {6, 0}, List.of(new double[] {5, 0}, new double[] {7, 0}))).isZero();
    }
}
