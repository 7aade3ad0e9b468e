package io.insurecrm.platform.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.junit.jupiter.api.Test;

/** Naming by dominant traits, and k chosen by the silhouette on three well-separated groups, deterministically. */
class DominantTraitsTests {

    @Test
    void theFurthestTraitsNameAClusterAndCollidingNamesGrow() {
        DominantTraits.Rule rule = new DominantTraits.Rule(0.5, 1, 3);
        List<List<DominantTraits.Trait>> names = DominantTraits.name(List.of(
                new double[] {2.0, 0.9, 0.1},
                new double[] {1.5, -0.8, 0},
                new double[] {0.4, 0.3, -0.2}), rule);
        // 0 and 1 both start with feature 0 HIGH: they grow to two traits, which then differ
        assertThat(names.get(0)).extracting(DominantTraits.Trait::feature).containsExactly(0, 1);
        assertThat(names.get(1)).extracting(DominantTraits.Trait::feature).containsExactly(0, 1);
        assertThat(names.get(1).get(1).high()).isFalse();
        assertThat(names.get(2)).isEmpty();
        // an ineligible direction never names
        List<List<DominantTraits.Trait>> highOnly = DominantTraits.name(List.of(new double[] {-3, 0.6}), rule, (f, high) -> high);
        assertThat(highOnly.get(0)).extracting(DominantTraits.Trait::feature).containsExactly(1);
    }

    @Test
    void kIsChosenByTheSilhouetteAndTheSameSeedGivesTheSameCentroids() {
        Random random = new Random(7);
        List<DoublePoint> points = new ArrayList<>();
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        for (int i = 0; i < 90; i++) {
            double[] c = centres[i % 3];
            points.add(new DoublePoint(new double[] {c[0] + random.nextGaussian() * 0.3, c[1] + random.nextGaussian() * 0.3}));
        }
        KMeans.Fit fit = new KMeans.Fit(42, 2, 100);
        List<Integer> progress = new ArrayList<>();
        KMeans.Choice choice = KMeans.choose(points, points, 2, 5, fit, progress::add);
        assertThat(choice.k()).isEqualTo(3);
        assertThat(choice.scores()).containsOnlyKeys(2, 3, 4, 5);
        assertThat(progress).containsExactly(1, 2, 3, 4);
        assertThat(KMeans.tried(points.size(), 2, 5)).isEqualTo(4);
        KMeans.Choice again = KMeans.choose(points, points, 2, 5, fit, done -> { });
        assertThat(again.centroids()).usingRecursiveComparison().isEqualTo(choice.centroids());
        assertThat(again.silhouette()).isEqualTo(choice.silhouette());
    }
}
