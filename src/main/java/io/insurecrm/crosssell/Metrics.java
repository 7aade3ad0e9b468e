package io.insurecrm.crosssell;

import java.util.Arrays;
import java.util.Comparator;

/** Hold-out metrics of a scored binary label: ROC AUC (ties counted half), mean log loss, lift of the top share. */
final class Metrics {

    private Metrics() {
    }

    /** The probability that a random holder scores above a random non-holder; NaN without both. */
    static double auc(double[] scores, int[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;   // average 1-based rank of the tie group
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    static double logLoss(double[] scores, int[] labels) {
        if (scores.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = Math.min(1 - 1e-15, Math.max(1e-15, scores[i]));
            sum -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / scores.length;
    }

    /** Holder rate among the top {@code share} by score (ties by position) over the overall holder rate. */
    static double liftTop(double[] scores, int[] labels, double share) {
        int n = scores.length;
        int top = (int) Math.ceil(n * share);
        long all = Arrays.stream(labels).filter(l -> l == 1).count();
        if (top == 0 || all == 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        long hits = 0;
        for (int i = 0; i < top; i++) {
            hits += labels[order[i]];
        }
        return ((double) hits / top) / ((double) all / n);
    }
}
