package io.insurecrm.crosssell;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/** Orders customers by score, highest first, ties by row number (lowest first). */
final class Ranking {

    private Ranking() {
    }

    /** 0-based indexes of {@code scores}, highest score first, ties by index. */
    static int[] order(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** How many positives are among the first {@code k} of the order. */
    static int hitsInTop(int[] order, int[] labels, int k) {
        int hits = 0;
        for (int r = 0; r < k && r < order.length; r++) {
            hits += labels[order[r]];
        }
        return hits;
    }

    /** Scores as written: ten decimals. Rounding before ranking keeps the written file sorted exactly. */
    static double written(double score) {
        return Double.parseDouble(format(score));
    }

    static String format(double score) {
        return String.format(Locale.ROOT, "%.10f", score);
    }

    /** One line per customer: its 1-based row number, a tab, its score; highest score first, ties by row number. */
    static void write(double[] scores, Writer out) throws IOException {
        double[] rounded = Arrays.stream(scores).map(Ranking::written).toArray();
        for (int i : order(rounded)) {
            out.write((i + 1) + "\t" + format(rounded[i]) + "\n");
        }
    }
}
