package io.insurecrm.privacy.web;

import io.insurecrm.privacy.CalendarDay;
import io.insurecrm.privacy.WorkingCalendar;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The working-day calendar of data-subject request deadlines, for compliance staff and their tools. */
@RestController
@RequestMapping("/api/privacy/calendar")
@PreAuthorize("hasAnyRole('COMPLIANCE','ADMIN')")
@Tag(name = "Privacy: working-day calendar")
class CalendarApi {

    private final WorkingCalendar calendar;

    CalendarApi(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    /** What a day is entered as. */
    record DayBody(CalendarDay.Kind kind, String name) {
    }

    @GetMapping
    @Operation(summary = "The public holidays and make-up working days entered for a year")
    List<CalendarDay> year(@RequestParam int year) {
        return calendar.year(year);
    }

    @PutMapping("/{day}")
    @Operation(summary = "Enter a public holiday (a weekday) or a make-up working day (a weekend day); audited")
    CalendarDay set(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, @RequestBody DayBody body) {
        return calendar.set(day, body.kind(), body.name());
    }

    @DeleteMapping("/{day}")
    @Operation(summary = "Remove a day entered; audited")
    ResponseEntity<Void> remove(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        return calendar.remove(day) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }
}
