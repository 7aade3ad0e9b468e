package io.insurecrm.platform.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;

/**
 * Seeded k-means++ (Apache Commons Math: best of {@code trials} restarts, Euclidean), the nearest centroid, the mean
 * silhouette, and k chosen by the best mean silhouette over a range. The same points in the same order with the same
 * seed give the same centroids.
 */
public final class KMeans {

    private KMeans() {
    }

    /** How to fit: the seed of k-means++, the restarts kept the best of, the iteration cap. */
    public record Fit(long seed, int trials, int maxIterations) {

        public Fit {
            if (trials < 1 || maxIterations < 1) {
                throw new IllegalArgumentException("trials and max-iterations must be at least 1");
            }
        }
    }

    /** The k chosen, its centroids (numbered by {@link #numbered}), its silhouette and the silhouette of every k tried. */
    public record Choice(int k, List<double[]> centroids, double silhouette, Map<Integer, Double> scores) {
    }

    /** k-means++ on the points, seeded afresh for every k: a k chosen by the criterion fits as if asked. */
    public static List<double[]> fit(List<DoublePoint> points, int k, Fit fit) {
        KMeansPlusPlusClusterer<DoublePoint> kMeans = new KMeansPlusPlusClusterer<>(k, fit.maxIterations(),
                new EuclideanDistance(), new Well19937c(fit.seed()));
        List<CentroidCluster<DoublePoint>> clusters = new MultiKMeansPlusPlusClusterer<>(kMeans, fit.trials()).cluster(points);
        return clusters.stream().map(c -> c.getCenter().getPoint().clone()).toList();
    }

    /**
     * k fitted for every k from {@code from} to {@code to} (at most points − 1), the one of the best mean silhouette on
     * {@code check} kept (ties to the smaller k); {@code afterEach} hears the number of k done so far.
     */
    public static Choice choose(List<DoublePoint> points, List<DoublePoint> check, int from, int to, Fit fit, IntConsumer afterEach) {
        int last = Math.min(to, points.size() - 1);
        if (last < from) {
            throw new IllegalArgumentException(points.size() + " points are too few for " + from + " clusters");
        }
        Map<Integer, Double> scores = new LinkedHashMap<>();
        int bestK = 0;
        List<double[]> best = null;
        for (int k = from; k <= last; k++) {
            List<double[]> fitted = fit(points, k, fit);
            double score = silhouette(check, fitted);
            scores.put(k, score);
            if (best == null || score > scores.get(bestK)) {
                bestK = k;
                best = fitted;
            }
            afterEach.accept(k - from + 1);
        }
        return new Choice(bestK, numbered(points, best), scores.get(bestK), scores);
    }

    /** The number of k {@link #choose} tries between from and to for this many points. */
    public static int tried(int points, int from, int to) {
        return Math.max(0, Math.min(to, points - 1) - from + 1);
    }

    /** The centroids by the number of points nearest to them, most first (ties: lexicographic), so 1 is the largest. */
    public static List<double[]> numbered(List<DoublePoint> points, List<double[]> centroids) {
        int[] counts = new int[centroids.size()];
        for (DoublePoint p : points) {
            counts[nearest(p.getPoint(), centroids)]++;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < centroids.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -counts[i]).thenComparing(i -> centroids.get(i), Arrays::compare));
        return order.stream().map(centroids::get).toList();
    }

    /** The index of the nearest centroid (ties to the lower index, as an SQL assignment ordered by distance, number). */
    public static int nearest(double[] point, List<double[]> centroids) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < centroids.size(); c++) {
            double d = squared(point, centroids.get(c));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /**
     * Mean silhouette (−1 … 1; higher = tighter, better separated clusters) of the points, each in the cluster of its
     * nearest centroid: s = (b − a) / max(a, b), a = mean distance to the other points of its cluster, b = the least
     * mean distance to the points of another cluster; 0 for a point alone in its cluster.
     */
    public static double silhouette(List<DoublePoint> points, List<double[]> centroids) {
        int n = points.size();
        int k = centroids.size();
        int[] label = new int[n];
        int[] size = new int[k];
        for (int i = 0; i < n; i++) {
            label[i] = nearest(points.get(i).getPoint(), centroids);
            size[label[i]]++;
        }
        double total = 0;
        double[] sums = new double[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(sums, 0);
            double[] p = points.get(i).getPoint();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sums[label[j]] += Math.sqrt(squared(p, points.get(j).getPoint()));
                }
            }
            int own = label[i];
            if (size[own] <= 1) {
                continue;
            }
            double a = sums[own] / (size[own] - 1);
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != own && size[c] > 0) {
                    b = Math.min(b, sums[c] / size[c]);
                }
            }
            if (b == Double.MAX_VALUE) {
                continue;
            }
            double max = Math.max(a, b);
            total += max == 0 ? 0 : (b - a) / max;
        }
        return n == 0 ? 0 : total / n;
    }

    private static double squared(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
