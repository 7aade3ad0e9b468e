package io.insurecrm.coil;

import java.util.List;

/**
 * What proposed value bands would do to the CoIL book, nothing saved: how many customers move from which band of the
 * active rules (version {@code activeVersion}) to which proposed band. {@code from} and {@code to} are the bands of
 * the two rule sets in the order of their amounts; {@code counts[i][j]} the customers in {@code from[i]} now and in
 * {@code to[j]} under the proposal. Every customer of the book is in exactly one cell.
 */
public record CoilBandPreview(int activeVersion, List<CoilValueBand> from, List<CoilValueBand> to, long[][] counts) {

    /** The customers in band {@code f} now and {@code t} under the proposal (0 when either band is not used). */
    public long count(CoilValueBand f, CoilValueBand t) {
        int r = from.indexOf(f);
        int c = to.indexOf(t);
        return r < 0 || c < 0 ? 0 : counts[r][c];
    }

    /** The customers of the book. */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long cell : row) {
                total += cell;
            }
        }
        return total;
    }

    /** The customers whose band would change. */
    public long moved() {
        long moved = 0;
        for (int r = 0; r < from.size(); r++) {
            for (int c = 0; c < to.size(); c++) {
                moved += from.get(r) == to.get(c) ? 0 : counts[r][c];
            }
        }
        return moved;
    }
}
