package io.insurecrm.segmentation;

import java.util.List;
import org.apache.commons.math3.ml.clustering.DoublePoint;

/** Nearest centroid and the mean silhouette of a set of points under a set of centroids (Euclidean). */
final class KMeansSilhouette {

    private KMeansSilhouette() {
    }

    /** The index of the nearest centroid (ties to the lower index, as the SQL assignment). */
    static int nearest(double[] point, List<double[]> centroids) {
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
    static double mean(List<DoublePoint> points, List<double[]> centroids) {
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
            java.util.Arrays.fill(sums, 0);
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
