package io.insurecrm.demo.book;

/**
 * An open-addressing set of positive longs: what the generator keeps to make ID numbers and phones unique
 * (8-byte slots kept at most half full: about 16 to 32 MB per million keys — a key per row, never the rows).
 */
final class LongSet {

    private long[] slots;
    private int size;

    LongSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[capacity];
    }

    /** Adds a value (> 0); false when it was already there. */
    boolean add(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("only positive values: " + value);
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) Rng.mix(value) & mask;
        while (slots[i] != 0) {
            if (slots[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long value : old) {
            if (value != 0) {
                add(value);
            }
        }
    }
}
