package io.insurecrm.privacy.web;

import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.privacy.CalendarDay;
import io.insurecrm.privacy.WorkingCalendar;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The compliance page of the working-day calendar behind data-subject request deadlines. */
@Controller
@PreAuthorize("hasAnyRole('COMPLIANCE','ADMIN')")
class CalendarPages {

    private final WorkingCalendar calendar;
    private final MessageSource messages;
    private final Clock clock;

    CalendarPages(WorkingCalendar calendar, MessageSource messages, Clock clock) {
        this.calendar = calendar;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/privacy/calendar")
    String year(@RequestParam(required = false) Integer year, Model model) {
        int shown = year == null ? LocalDate.now(clock).getYear() : year;
        model.addAttribute("year", shown);
        model.addAttribute("days", calendar.year(shown));
        model.addAttribute("kinds", CalendarDay.Kind.values());
        return "privacy/calendar";
    }

    @PostMapping("/privacy/calendar")
    String set(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
               @RequestParam(required = false) CalendarDay.Kind kind, @RequestParam(required = false) String name,
               Model model) {
        try {
            calendar.set(day, kind, name);
        } catch (FieldRuleViolation e) {
            model.addAttribute("error", messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(),
                    LocaleContextHolder.getLocale()));
            model.addAttribute("entered", new CalendarDay(day, kind, name));
            return year(day == null ? null : day.getYear(), model);
        }
        return "redirect:/privacy/calendar?year=" + day.getYear();
    }

    @PostMapping("/privacy/calendar/{day}/removal")
    String remove(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        calendar.remove(day);
        return "redirect:/privacy/calendar?year=" + day.getYear();
    }
}
