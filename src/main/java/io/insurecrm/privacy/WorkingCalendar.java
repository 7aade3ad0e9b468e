package io.insurecrm.privacy;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The working days of data-subject request deadlines: Monday to Friday, except the public holidays entered here, plus
 * the weekend days entered as make-up working days (调休). China's holiday schedule is published by the State Council
 * each year, so compliance staff enter it; every change is audited as a rule change.
 */
@Service
public class WorkingCalendar {

    private static final int MAX_NAME = 100;

    private final JdbcClient jdbc;
    private final AccessAudit audit;
    private final Clock clock;

    WorkingCalendar(JdbcClient jdbc, AccessAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The days entered for a year, in date order. */
    @Transactional(readOnly = true)
    public List<CalendarDay> year(int year) {
        return jdbc.sql("select day, kind, name from privacy_calendar_day where day >= :from and day < :to order by day")
                .param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
                .query((rs, n) -> new CalendarDay(rs.getObject("day", LocalDate.class),
                        CalendarDay.Kind.valueOf(rs.getString("kind")), rs.getString("name")))
                .list();
    }

    /**
     * Enters a day (or changes the one entered).
     *
     * @throws FieldRuleViolation naming the field: no day, no kind, no name or one too long, a holiday on a weekend or
     *         a make-up working day on a weekday (neither would change anything)
     */
    @Transactional
    public CalendarDay set(LocalDate day, CalendarDay.Kind kind, String name) {
        if (day == null) {
            throw new FieldRuleViolation("day", "privacy.calendar.day.missing");
        }
        if (kind == null) {
            throw new FieldRuleViolation("kind", "privacy.calendar.kind.missing");
        }
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new FieldRuleViolation("name", "privacy.calendar.name.invalid", MAX_NAME);
        }
        if (kind == CalendarDay.Kind.HOLIDAY && weekend(day)) {
            throw new FieldRuleViolation("day", "privacy.calendar.holiday.onWeekend", day);
        }
        if (kind == CalendarDay.Kind.WORKDAY && !weekend(day)) {
            throw new FieldRuleViolation("day", "privacy.calendar.workday.onWeekday", day);
        }
        jdbc.sql("""
                        insert into privacy_calendar_day (day, kind, name, updated_at, updated_by)
                        values (:day, :kind, :name, :at, :by)
                        on conflict (day) do update set kind = excluded.kind, name = excluded.name,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .param("day", day).param("kind", kind.name()).param("name", trimmed)
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("by", actor()).update();
        audit.record(AuditAction.RULE_CHANGE, null, List.of("privacy_calendar_day." + day),
                "working-day calendar: " + day + " " + kind + " " + trimmed);
        return new CalendarDay(day, kind, trimmed);
    }

    /** Removes a day entered; @return whether there was one. */
    @Transactional
    public boolean remove(LocalDate day) {
        Optional<String> removed = jdbc.sql("delete from privacy_calendar_day where day = :day returning kind || ' ' || name")
                .param("day", day).query(String.class).optional();
        removed.ifPresent(what -> audit.record(AuditAction.RULE_CHANGE, null, List.of("privacy_calendar_day." + day),
                "working-day calendar: " + day + " removed (was " + what + ")"));
        return removed.isPresent();
    }

    /** The working day {@code days} working days after {@code from} (the day received does not count). */
    @Transactional(readOnly = true)
    public LocalDate plusWorkingDays(LocalDate from, int days) {
        // a long holiday (Spring Festival, National Day) adds at most a week or two: read the entries of a wide window
        Map<LocalDate, CalendarDay.Kind> entered = new HashMap<>();
        jdbc.sql("select day, kind from privacy_calendar_day where day > :from and day <= :to")
                .param("from", from).param("to", from.plusDays(days * 3L + 60))
                .query((rs, n) -> entered.put(rs.getObject("day", LocalDate.class), CalendarDay.Kind.valueOf(rs.getString("kind"))))
                .list();
        LocalDate day = from;
        int left = days;
        while (left > 0) {
            day = day.plusDays(1);
            CalendarDay.Kind kind = entered.get(day);
            boolean working = kind == CalendarDay.Kind.WORKDAY || (kind == null && !weekend(day));
            if (working) {
                left--;
            }
        }
        return day;
    }

    private static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static String actor() {
        return CurrentStaff.username();
    }
}
