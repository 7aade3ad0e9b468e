package io.insurecrm.demo.book;

/**
 * SplitMix64: a small random generator whose output is fixed by its algorithm, so a seed gives the same book on
 * every JDK (java.util.Random and SplittableRandom are not specified to stay the same across releases).
 */
final class Rng {

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream for one unit of the book, so each household is the same whatever was drawn before. */
    static Rng forUnit(long seed, long unit) {
        return new Rng(mix(seed * 0x9E3779B97F4A7C15L + unit) ^ 0x5DEECE66DL);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** 0 (inclusive) to bound (exclusive). */
    int nextInt(int bound) {
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** from..to, both inclusive. */
    int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }

    <T> T pick(java.util.List<T> values) {
        return values.get(nextInt(values.size()));
    }

    /** An index drawn with the given cumulative weights (ascending, last = total). */
    int weighted(double[] cumulative) {
        double x = nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static double[] cumulative(double... weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    /** A Poisson-distributed count (Knuth; fine for small means). */
    int poisson(double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= nextDouble();
        } while (p > l);
        return k - 1;
    }
}
