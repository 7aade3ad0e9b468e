package io.insurecrm.coil;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The CoIL value bands by an estimated annual premium: the sum over the 21 products of the midpoint of the customer's P*
 * premium band as the data dictionary publishes the bands (0: none, 1: 1–49, 2: 50–99, 3: 100–199, 4: 200–499,
 * 5: 500–999, 6: 1,000–4,999, 7: 5,000–9,999, 8: 10,000–19,999, 9: 20,000 and over — the open band counted at its
 * lower bound, 20,000). The amounts are the benchmark's (Dutch guilders of 2000), not CNY. The midpoints are the data
 * dictionary, not a rule; the bounds of the bands are rules, versioned data ({@link CoilValueBandRules}; version 1:
 * NONE 0, LOW 1–499, MIDDLE 500–2,999, HIGH 3,000–4,999, TOP 5,000 and over). The codes go upwards in this order.
 */
public enum CoilValueBand {
    NONE, LOW, MIDDLE, HIGH, TOP;

    /** Midpoint of each P* band 0–9, in the benchmark's currency. */
    static final int[] MIDPOINTS = {0, 25, 75, 150, 350, 750, 3000, 7500, 15000, 20000};

    /** The midpoint of a P* band (0–9). */
    public static int midpoint(int premiumBand) {
        if (premiumBand < 0 || premiumBand > 9) {
            throw new IllegalArgumentException("a P* premium band is 0-9, not " + premiumBand);
        }
        return MIDPOINTS[premiumBand];
    }

    /** The estimated annual premium of a customer's 21 P* bands. */
    public static long estimate(int[] bands) {
        long sum = 0;
        for (int band : bands) {
            sum += midpoint(band);
        }
        return sum;
    }

    /** The band of a code as typed (any case, blanks around it ignored); empty when it is not one. */
    public static Optional<CoilValueBand> parse(String code) {
        String typed = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(b -> b.name().equals(typed)).findFirst();
    }

    /** SQL: the midpoint of the P* band in column {@code band}. */
    static String sqlMidpoint(String band) {
        StringBuilder sql = new StringBuilder("(array[");
        for (int i = 0; i < MIDPOINTS.length; i++) {
            sql.append(i == 0 ? "" : ",").append(MIDPOINTS[i]);
        }
        return sql.append("])[").append(band).append(" + 1]").toString();
    }
}
