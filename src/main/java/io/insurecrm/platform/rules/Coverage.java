package io.insurecrm.platform.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * Whether bands [from, to) cover [0, ∞) exactly once — the walk the VALUE bands (segmentation) and the CoIL value bands
 * share; each reports what it finds in its own problems. A band's {@code to} null means no upper bound.
 */
public final class Coverage {

    private Coverage() {
    }

    /** One band: what it is (its name or record) and its bounds. */
    public record Band<T>(T item, BigDecimal from, BigDecimal to) {
    }

    /** What the walk finds, in the order of the bands' lower bounds. */
    public interface Findings<T> {

        /** Nothing covers [coveredTo, band.from); {@code below} is the band reaching furthest below it, null for none. */
        void gap(BigDecimal coveredTo, T below, Band<T> band);

        /** The band starts inside {@code coveredBy}, overlapping it up to {@code end} (null: to ∞). */
        void overlap(T coveredBy, Band<T> band, BigDecimal end);

        /** Amounts from {@code coveredTo} up are covered by no band; {@code coveredBy} reaches furthest. */
        void noTop(BigDecimal coveredTo, T coveredBy);
    }

    /** Walks the bands, sorted by their lower bound, from 0 up. */
    public static <T> void walk(List<Band<T>> sorted, Findings<T> findings) {
        BigDecimal covered = BigDecimal.ZERO;   // [0, covered) is covered so far; null = everything from 0 up
        T coveredBy = null;                     // the band that reaches furthest
        for (Band<T> band : sorted) {
            if (covered == null) {
                findings.overlap(coveredBy, band, band.to());
                continue;
            }
            int cmp = band.from().compareTo(covered);
            if (cmp > 0) {
                findings.gap(covered, coveredBy, band);
            } else if (cmp < 0) {
                findings.overlap(coveredBy, band, band.to() != null && band.to().compareTo(covered) < 0 ? band.to() : covered);
            }
            if (band.to() == null || band.to().compareTo(covered) > 0) {
                covered = band.to();
                coveredBy = band.item();
            }
        }
        if (covered != null) {
            findings.noTop(covered, coveredBy);
        }
    }
}
