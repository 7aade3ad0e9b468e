package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MonthEndsTests {

    @Test
    void lastMonthEndsOldestFirstWithTheRunningMonthTakenToday() {
        MonthEnds ends = MonthEnds.lastN(LocalDate.parse("2024-03-15"), 3);
        assertThat(ends.monthEnds()).containsExactly(LocalDate.parse("2024-01-31"), LocalDate.parse("2024-02-29"),
                LocalDate.parse("2024-03-31"));
        assertThat(ends.asOf()).containsExactly(LocalDate.parse("2024-01-31"), LocalDate.parse("2024-02-29"),
                LocalDate.parse("2024-03-15"));
    }

    @Test
    void onAMonthsLastDayThatMonthIsComplete() {
        MonthEnds ends = MonthEnds.lastN(LocalDate.parse("2026-12-31"), 1);
        assertThat(ends.monthEnds()).containsExactly(LocalDate.parse("2026-12-31"));
        assertThat(ends.asOf()).containsExactly(LocalDate.parse("2026-12-31"));
    }

    @Test
    void coversTenYears() {
        MonthEnds ends = MonthEnds.lastN(LocalDate.parse("2026-11-22"), 120);
        assertThat(ends.monthEnds()).hasSize(120).startsWith(LocalDate.parse("2016-12-31"))
                .endsWith(LocalDate.parse("2026-11-30")).doesNotHaveDuplicates().isSorted();
    }
}
