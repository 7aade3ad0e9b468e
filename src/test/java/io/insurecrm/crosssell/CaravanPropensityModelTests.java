package io.insurecrm.crosssell;

import io.insurecrm.coil.CoilProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaravanPropensityModelTests {

    /** A customer of 85 values: subtype 8, main type 2, mid-scale demographics, no products. */
    static short[] aCustomer() {
        short[] c = new short[CaravanFeatures.COLUMNS];
        java.util.Arrays.fill(c, (short) 3);
        c[0] = 8;
        c[4] = 2;
        for (CoilProduct product : CoilProduct.values()) {
            c[product.premiumColumn() - 1] = 0;
            c[product.policiesColumn() - 1] = 0;
        }
        return c;
    }

    /** Synthetic book where only the number of boat policies (APLEZIER) drives the label; the rest is noise. */
    static List<short[]> book(int n, int[] labels, long seed) {
        Random random = new Random(seed);
        List<short[]> customers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            short[] c = aCustomer();
            c[0] = (short) (1 + random.nextInt(41));
            c[4] = (short) (1 + random.nextInt(10));
            for (int col = 2; col <= 43; col++) {
                if (col != 5) {
                    c[col - 1] = (short) random.nextInt(10);
                }
            }
            c[CoilProduct.PERSAUT.policiesColumn() - 1] = (short) random.nextInt(3);
            c[CoilProduct.PERSAUT.premiumColumn() - 1] = (short) random.nextInt(7);
            int boats = random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0;
            c[CoilProduct.PLEZIER.policiesColumn() - 1] = (short) boats;
            customers.add(c);
            labels[i] = random.nextDouble() < (boats > 0 ? 0.6 : 0.03) ? 1 : 0;
        }
        return customers;
    }

    @Test
    void theReasonsOfAHighScoreNameTheFeatureThatDrivesTheLabel() {
        int[] labels = new int[3000];
        List<short[]> customers = book(3000, labels, 7);
        CaravanPropensityModel model = new CaravanPropensityModel(1).train(customers, labels);

        short[] boatOwner = aCustomer();
        boatOwner[CoilProduct.PLEZIER.policiesColumn() - 1] = 2;
        Propensity propensity = model.explain(boatOwner, 3);

        assertThat(propensity.reasons()).hasSizeLessThanOrEqualTo(3).isNotEmpty();
        assertThat(propensity.reasons().get(0).feature()).isIn("APLEZIER", "has PLEZIER");
        assertThat(propensity.reasons()).allSatisfy(r -> assertThat(r.contribution()).isPositive());
        assertThat(propensity.reasons()).extracting(Propensity.Reason::contribution).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(propensity.score()).isEqualTo(model.score(boatOwner));
        assertThat(model.score(boatOwner)).isGreaterThan(model.score(aCustomer()));
    }

    @Test
    void featuresAreNamedOncePerColumnWithTheTwoCategoricalColumnsOneHot() {
        List<String> names = CaravanFeatures.names();

        assertThat(names).hasSize(155).doesNotHaveDuplicates()
                .contains("MOSTYPE=1", "MOSTYPE=41", "MOSHOOFD=10", "MKOOPKLA", "PPERSAUT", "APERSAUT", "has BYSTAND")
                .doesNotContain("MOSTYPE", "MOSHOOFD");
        double[] raw = CaravanFeatures.raw(aCustomer());
        assertThat(raw[names.indexOf("MOSTYPE=8")]).isEqualTo(1);
        assertThat(raw[names.indexOf("MOSHOOFD=2")]).isEqualTo(1);
        assertThat(raw[names.indexOf("MGEMLEEF")]).isEqualTo(3);
    }

    @Test
    void scoringOrExplainingBeforeTrainingIsRefusedWithAMessage() {
        CaravanPropensityModel model = new CaravanPropensityModel();

        assertThat(model.trained()).isFalse();
        assertThatThrownBy(() -> model.score(aCustomer())).isInstanceOf(CrossSellRefused.class)
                .hasMessage("the model is not trained: call train(...) before scoring");
        assertThatThrownBy(() -> model.explain(aCustomer(), 3)).isInstanceOf(CrossSellRefused.class);
    }

    @Test
    void trainingTwiceOnTheSameBookGivesTheSameScores() {
        int[] labels = new int[500];
        List<short[]> customers = book(500, labels, 3);
        CaravanPropensityModel first = new CaravanPropensityModel().train(customers, labels);
        CaravanPropensityModel second = new CaravanPropensityModel().train(customers, labels);

        for (short[] c : customers) {
            assertThat(second.score(c)).isEqualTo(first.score(c));
        }
    }

    @Test
    void refusesLabelsOtherThanZeroAndOne() {
        assertThatThrownBy(() -> new CaravanPropensityModel().train(List.of(aCustomer(), aCustomer()), new int[] {0, 2}))
                .hasMessageContaining("customer 2");
    }
}
