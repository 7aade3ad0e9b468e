package io.insurecrm.privacy.web;

import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.platform.personaldata.InvalidFields;
import io.insurecrm.platform.personaldata.PersonalDataCorrection;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.privacy.DataSubjectRequestRefused;
import io.insurecrm.privacy.DataSubjectRequests;
import io.insurecrm.privacy.DsrQuery;
import io.insurecrm.privacy.DsrRequest;
import io.insurecrm.privacy.DsrStatus;
import io.insurecrm.privacy.DsrType;
import io.insurecrm.privacy.PersonalDataCopy;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The compliance pages for data-subject requests and the printable copy of a customer's data. */
@Controller
@PreAuthorize("hasAnyRole('COMPLIANCE','ADMIN')")
class DsrPages {

    private final DataSubjectRequests requests;
    private final MessageSource messages;
    private final Clock clock;

    DsrPages(DataSubjectRequests requests, MessageSource messages, Clock clock) {
        this.requests = requests;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/privacy/requests")
    String list(@RequestParam(required = false) DsrStatus status, @RequestParam(required = false) DsrType type,
                @RequestParam(required = false) Long customerId, @RequestParam(defaultValue = "false") boolean overdue,
                @RequestParam(defaultValue = "false") boolean dueSoon,
                @RequestParam(defaultValue = "dueOn") String sort, @RequestParam(defaultValue = "asc") String direction,
                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size, Model model) {
        DsrQuery query = new DsrQuery(status, type, customerId, overdue, sort, "desc".equalsIgnoreCase(direction), page, size, dueSoon);
        model.addAttribute("query", query);
        model.addAttribute("direction", query.descending() ? "desc" : "asc");
        model.addAttribute("result", requests.search(query));
        model.addAttribute("statuses", DsrStatus.values());
        model.addAttribute("types", DsrType.values());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("dueSoon", requests.dueSoon());
        return "privacy/requests";
    }

    @GetMapping("/privacy/requests.csv")
    void export(@RequestParam(required = false) DsrStatus status, @RequestParam(required = false) DsrType type,
                @RequestParam(required = false) Long customerId, @RequestParam(defaultValue = "false") boolean overdue,
                @RequestParam(defaultValue = "false") boolean dueSoon,
                @RequestParam(defaultValue = "dueOn") String sort, @RequestParam(defaultValue = "asc") String direction,
                HttpServletResponse response) throws IOException {
        DsrQuery query = new DsrQuery(status, type, customerId, overdue, sort, "desc".equalsIgnoreCase(direction), 0, 1, dueSoon);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=privacy-requests.csv");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CsvExport csv = CsvExport.to(writer, List.of("id", "customer_id", "type", "received_on", "due_on", "status",
                "overdue", "assignee", "outcome", "closed_at", "closed_by"))) {
            requests.forEach(query, r -> csv.row(r.id(), r.customerId(), r.type(), r.receivedOn(), r.dueOn(), r.status(),
                    r.overdue(), r.assignee(), r.outcome(), r.closedAt() == null ? null : r.closedAt().atZone(clock.getZone()).toOffsetDateTime(),
                    r.closedBy()));
        }
        writer.flush();
    }

    @PostMapping("/privacy/requests")
    String open(@RequestParam long customerId, @RequestParam DsrType type,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate receivedOn,
                @RequestParam(required = false) String assignee, @RequestParam(required = false) String details,
                RedirectAttributes redirect) {
        try {
            long id = requests.open(customerId, type, receivedOn, assignee, details).id();
            return "redirect:/privacy/requests/" + id;
        } catch (DataSubjectRequestRefused e) {
            redirect.addFlashAttribute("error", RightsProblems.reason(messages, e));
            return "redirect:/privacy/requests";
        }
    }

    @GetMapping("/privacy/requests/{id}")
    String show(@PathVariable long id, Model model) {
        DsrRequest request = requests.find(id);
        model.addAttribute("request", request);
        if (request.type() == DsrType.CORRECTION && request.status() == DsrStatus.VERIFIED && !model.containsAttribute("correction")) {
            model.addAttribute("correction", requests.correctionForm(id, LocaleContextHolder.getLocale(), false));
        }
        if (!model.containsAttribute("correctionErrors")) {
            model.addAttribute("correctionErrors", Map.of());
        }
        return "privacy/request";
    }

    /**
     * Applies a verified CORRECTION request with the corrected fields of the form; on invalid values the page shows
     * the form again with the values typed and a message on each field, and nothing is changed.
     */
    @PostMapping("/privacy/requests/{id}/correction")
    String correct(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect, Model model) {
        Map<String, String> values = new LinkedHashMap<>(form);
        String note = values.remove("note");
        values.remove("_csrf");
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            requests.correct(id, values, note);
            return "redirect:/privacy/requests/" + id;
        } catch (DataSubjectRequestRefused e) {
            redirect.addFlashAttribute("error", RightsProblems.reason(messages, e));
            return "redirect:/privacy/requests/" + id;
        } catch (InvalidFields e) {
            e.result().getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(), messages.getMessage(error, locale)));
            e.result().getGlobalErrors().forEach(error -> errors.putIfAbsent("values", messages.getMessage(error, locale)));
        } catch (FieldRuleViolation e) {
            errors.put(e.field(), messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale));
        }
        PersonalDataCorrection.Correctable current = requests.correctionForm(id, locale, false);
        Map<String, String> typed = new LinkedHashMap<>(current.values());
        values.forEach((field, value) -> {
            if (typed.containsKey(field)) {
                typed.put(field, value);
            }
        });
        model.addAttribute("correction", new PersonalDataCorrection.Correctable(current.customerId(), current.kind(), typed,
                current.options()));
        model.addAttribute("correctionErrors", errors);
        model.addAttribute("correctionNote", note);
        model.addAttribute("error", messages.getMessage("rights.correction.invalid", null, locale));
        return show(id, model);
    }

    @PostMapping("/privacy/requests/{id}/verification")
    String verify(@PathVariable long id, @RequestParam(required = false) String note,
                  @RequestParam(required = false) String assignee, RedirectAttributes redirect) {
        return step(id, redirect, () -> requests.verify(id, note, assignee));
    }

    @PostMapping("/privacy/requests/{id}/completion")
    String complete(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return step(id, redirect, () -> requests.complete(id, note));
    }

    @PostMapping("/privacy/requests/{id}/rejection")
    String reject(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return step(id, redirect, () -> requests.reject(id, note));
    }

    /** The copy as a page that prints well (the browser's print dialog saves it as PDF). */
    @GetMapping("/privacy/customers/{customerId}/personal-data")
    String copy(@PathVariable long customerId, Model model) {
        PersonalDataCopy copy = requests.copyOf(customerId, "html");
        model.addAttribute("copy", copy);
        model.addAttribute("sections", PersonalDataCopy.SECTIONS);
        model.addAttribute("zone", clock.getZone());
        return "privacy/personal-data";
    }

    private String step(long id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (DataSubjectRequestRefused e) {
            redirect.addFlashAttribute("error", RightsProblems.reason(messages, e));
        }
        return "redirect:/privacy/requests/" + id;
    }
}
