package io.insurecrm.crosssell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTests {

    @Test
    void aucIsOneForAPerfectRankingZeroForAReversedOneAndAHalfForTies() {
        int[] labels = {0, 0, 1, 1};
        assertThat(Metrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, labels)).isEqualTo(1.0);
        assertThat(Metrics.auc(new double[] {0.9, 0.8, 0.2, 0.1}, labels)).isEqualTo(0.0);
        assertThat(Metrics.auc(new double[] {0.5, 0.5, 0.5, 0.5}, labels)).isEqualTo(0.5);
        // one holder above both non-holders, one between them: 3 of 4 pairs ordered
        assertThat(Metrics.auc(new double[] {0.1, 0.6, 0.5, 0.9}, labels)).isEqualTo(0.75);
        assertThat(Metrics.auc(new double[] {0.1, 0.2}, new int[] {0, 0})).isNaN();
    }

    @Test
    void liftAndLogLoss() {
        // 10 customers, 2 holders, both in the top 20%: lift = (2/2) / (2/10) = 5
        double[] scores = {0.9, 0.8, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        int[] labels = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(Metrics.liftTop(scores, labels, 0.2)).isEqualTo(5.0);
        assertThat(Metrics.logLoss(new double[] {0.5, 0.5}, new int[] {0, 1})).isCloseTo(Math.log(2), within(1e-12));
    }
}
