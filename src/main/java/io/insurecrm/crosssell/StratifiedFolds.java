package io.insurecrm.crosssell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Stratified k-fold assignment: positives and negatives are shuffled separately (seeded, so repeatable) and dealt
 * round-robin to the folds, so every row lands in exactly one fold and each fold holds the same share of positives
 * to within one row.
 */
final class StratifiedFolds {

    private StratifiedFolds() {
    }

    /** The fold (0..k-1) of each row. */
    static int[] assign(int[] labels, int k, long seed) {
        if (k < 2 || k > labels.length) {
            throw new IllegalArgumentException("k must be in 2.." + labels.length + ", was " + k);
        }
        Random random = new Random(seed);
        int[] fold = new int[labels.length];
        int next = 0;
        for (int label : new int[] {1, 0}) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == label) {
                    rows.add(i);
                }
            }
            Collections.shuffle(rows, random);
            for (int row : rows) {
                fold[row] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }
}
