package io.insurecrm.privacy;

import java.time.LocalDate;

/**
 * A day the working-day calendar treats otherwise than its weekday says: a public holiday on a weekday, or a make-up
 * working day (调休) on a weekend.
 */
public record CalendarDay(LocalDate day, Kind kind, String name) {

    public enum Kind { HOLIDAY, WORKDAY }
}
