package io.insurecrm.metrics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The month ends a trend or a snapshot covers, each with the day its figure is taken on. */
record MonthEnds(List<LocalDate> monthEnds, List<LocalDate> asOf) {

    /**
     * The last {@code count} month ends up to today's month, oldest first. Each past month is taken on its last day;
     * the running month on today.
     */
    static MonthEnds lastN(LocalDate today, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        List<LocalDate> ends = new ArrayList<>(count);
        List<LocalDate> asOf = new ArrayList<>(count);
        YearMonth current = YearMonth.from(today);
        for (int back = count - 1; back >= 0; back--) {
            LocalDate end = current.minusMonths(back).atEndOfMonth();
            ends.add(end);
            asOf.add(end.isAfter(today) ? today : end);
        }
        return new MonthEnds(List.copyOf(ends), List.copyOf(asOf));
    }

    boolean isEmpty() {
        return monthEnds.isEmpty();
    }
}
