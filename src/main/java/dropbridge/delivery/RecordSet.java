package dropbridge.delivery;

import java.util.BitSet;

/**
 * Records of one file, known by their number in the file. What an earlier release staged knows
 * them by line alone (it read one record per line): those are kept by line, so that a file
 * whose delivery it began is resumed without a record sent twice or passed over.
 */
final class RecordSet {

    private final BitSet numbers;
    private final BitSet lines;

    RecordSet(BitSet numbers, BitSet lines) {
        this.numbers = numbers;
        this.lines = lines;
    }

    RecordSet() {
        this(new BitSet(), new BitSet());
    }

    /** @param number the record's number, or 0 when only its line is known */
    void add(long number, long line) {
        if (number > 0) {
            set(numbers, number);
        } else {
            set(lines, line);
        }
    }

    boolean contains(long number, long line) {
        return holds(numbers, number) || holds(lines, line);
    }

    boolean isEmpty() {
        return numbers.isEmpty() && lines.isEmpty();
    }

    long size() {
        return numbers.cardinality() + (long) lines.cardinality();
    }

    private static void set(BitSet bits, long index) {
        if (fits(index)) {
            bits.set((int) index);
        }
    }

    private static boolean holds(BitSet bits, long index) {
        return fits(index) && bits.get((int) index);
    }

    private static boolean fits(long index) {
        return index > 0 && index <= Integer.MAX_VALUE;
    }
}
