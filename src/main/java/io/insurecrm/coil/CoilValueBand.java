package io.insurecrm.coil;

/**
 * CoIL value bands by an estimated annual premium: the sum over the 21 products of the midpoint of the customer's P*
 * premium band as the data dictionary publishes the bands (0: none, 1: 1–49, 2: 50–99, 3: 100–199, 4: 200–499,
 * 5: 500–999, 6: 1,000–4,999, 7: 5,000–9,999, 8: 10,000–19,999, 9: 20,000 and over — the open band counted at its
 * lower bound, 20,000). The amounts are the benchmark's (Dutch guilders of 2000), not CNY. Bands by that estimate:
 * NONE 0, LOW 1–499, MIDDLE 500–2,999, HIGH 3,000–4,999 (a car at band 6 alone is 3,000), TOP 5,000 and over.
 */
public enum CoilValueBand {
    NONE(0), LOW(1), MIDDLE(500), HIGH(3000), TOP(5000);

    /** Midpoint of each P* band 0–9, in the benchmark's currency. */
    static final int[] MIDPOINTS = {0, 25, 75, 150, 350, 750, 3000, 7500, 15000, 20000};

    private final long from;

    CoilValueBand(long from) {
        this.from = from;
    }

    /** The least estimated premium of the band. */
    public long from() {
        return from;
    }

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

    /** The band of an estimated premium. */
    public static CoilValueBand of(long estimate) {
        if (estimate < 0) {
            throw new IllegalArgumentException("an estimated premium is not negative: " + estimate);
        }
        CoilValueBand band = NONE;
        for (CoilValueBand b : values()) {
            if (estimate >= b.from) {
                band = b;
            }
        }
        return band;
    }

    /** SQL: the band of the estimated premium in column {@code premium} (bounds from this enum, no caller input). */
    static String sqlCase(String premium) {
        StringBuilder sql = new StringBuilder("case");
        CoilValueBand[] bands = values();
        for (int i = bands.length - 1; i > 0; i--) {
            sql.append(" when ").append(premium).append(" >= ").append(bands[i].from).append(" then '").append(bands[i]).append('\'');
        }
        return sql.append(" else 'NONE' end").toString();
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
