package io.insurecrm.metrics.web;

import io.insurecrm.metrics.AnalystCustomerQuery;
import io.insurecrm.metrics.AnalystModel;
import io.insurecrm.metrics.AnalystModelBuildInProgress;
import io.insurecrm.metrics.ModelBuild;
import io.insurecrm.metrics.PseudonymousCustomers;
import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.platform.search.CustomerFilterChoices;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /analytics/customers: the pseudonymised customer list for analysts (filters, sort, pages, how many were left out for
 * want of consent or for k-anonymity, when the stored list was built and its rebuild); /analytics/customers.csv the
 * whole filtered list as CSV.
 */
@Controller
class AnalystCustomerPages {

    private static final List<String> CHANNELS = List.of("AGENT", "BANCASSURANCE", "ONLINE", "TELESALES", "BROKER");
    private static final List<String> AGE_BANDS = java.util.stream.IntStream.rangeClosed(0, 9)
            .mapToObj(i -> AnalystCustomerQuery.ageBand(i * 10)).toList();

    /** Who may rebuild the stored list (the API says the same in its @PreAuthorize). */
    private static final java.util.Set<Role> REBUILDERS = java.util.EnumSet.of(Role.COMPLIANCE, Role.ADMIN);

    private final PseudonymousCustomers customers;
    private final AnalystModel model;
    private final MessageSource messages;
    private final java.time.ZoneId zone;
    private final ObjectProvider<CustomerFilterChoices> filterChoices;

    AnalystCustomerPages(PseudonymousCustomers customers, AnalystModel model, MessageSource messages,
                         @org.springframework.beans.factory.annotation.Value("${crm.time-zone:Asia/Shanghai}") String zone,
                         ObjectProvider<CustomerFilterChoices> filterChoices) {
        this.customers = customers;
        this.model = model;
        this.messages = messages;
        this.zone = java.time.ZoneId.of(zone);
        this.filterChoices = filterChoices;
    }

    /**
     * The choices the stored list can be filtered by: the segments but the need clusters (the list keeps the five
     * dimensions' segments), the tags by name alone (the list keeps tag names), each once.
     */
    private void filterChoices(Model page, Locale locale) {
        CustomerFilterChoices choices = filterChoices.getIfAvailable();
        if (choices == null) {
            page.addAttribute("segmentChoices", List.of());
            page.addAttribute("tagChoices", List.of());
            return;
        }
        page.addAttribute("segmentChoices", choices.segments(locale).stream()
                .map(g -> new CustomerFilterChoices.Group(g.label(), g.choices().stream()
                        .filter(c -> !c.value().startsWith("CLUSTER:")).toList()))
                .filter(g -> !g.choices().isEmpty()).toList());
        java.util.Set<String> named = new java.util.HashSet<>();
        page.addAttribute("tagChoices", choices.tags(locale).stream()
                .map(g -> new CustomerFilterChoices.Group(g.label(), g.choices().stream()
                        .map(c -> new CustomerFilterChoices.Choice(c.value().substring(c.value().indexOf(':') + 1), c.label()))
                        .filter(c -> named.add(c.value())).toList()))
                .filter(g -> !g.choices().isEmpty()).toList());
    }

    /** The stored list's state for the page: what readers see, the latest rebuild, how long the last one took. */
    record ModelView(AnalystModel.Current current, ModelBuild latest, Long lastSeconds, boolean mayRebuild) {

        public boolean running() {
            return latest != null && latest.running();
        }
    }

    private void modelState(Model page) {
        page.addAttribute("zone", zone);
        page.addAttribute("stored", new ModelView(model.current().orElse(null), model.latest().orElse(null),
                model.lastDuration().map(java.time.Duration::toSeconds).orElse(null),
                CurrentStaff.get().map(staff -> REBUILDERS.contains(staff.role())).orElse(false)));
    }

    /** Rebuilds the stored list now, in the background; the page shows its progress. A reason is required. */
    @PostMapping("/analytics/customers/model/rebuild")
    @PreAuthorize("hasAnyRole('COMPLIANCE','ADMIN')")
    String rebuild(@RequestParam(name = "reason", required = false) String reason, RedirectAttributes redirect) {
        try {
            model.start(ModelBuild.Trigger.MANUAL, ModelBuild.reason(reason),
                    CurrentStaff.username());
        } catch (FieldRuleViolation e) {
            redirect.addFlashAttribute("modelProblem", e.messageKey());
            redirect.addFlashAttribute("modelProblemArgs", e.arguments());
        } catch (AnalystModelBuildInProgress e) {
            redirect.addFlashAttribute("modelProblem", "analytics.model.inProgress");
            redirect.addFlashAttribute("modelProblemArgs", new Object[] {e.runningId()});
        }
        return "redirect:/analytics/customers#analytics-model";
    }

    /** htmx: the stored list's state and the rebuild's progress (polls itself while a rebuild runs). */
    @GetMapping("/analytics/customers/model/progress")
    @PreAuthorize("hasAnyRole('ANALYST','COMPLIANCE','ADMIN')")
    String progress(Model page) {
        modelState(page);
        page.addAttribute("polled", true);
        return "metrics/analyst-customers :: model";
    }

    @GetMapping("/analytics/customers")
    @PreAuthorize("hasAnyRole('ANALYST','COMPLIANCE','ADMIN')")
    String page(@RequestParam(required = false) String segment, @RequestParam(required = false) String tag,
                @RequestParam(required = false) String region, @RequestParam(required = false) Long branch,
                @RequestParam(required = false) String channel, @RequestParam(required = false) String ageBand,
                @RequestParam(required = false) String sort, @RequestParam(required = false) String direction,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("filter", new Filter(segment, tag, region, branch, channel, ageBand, sort, direction));
        model.addAttribute("regions", customers.regions(locale));
        model.addAttribute("branches", customers.branches());
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("ageBands", AGE_BANDS);
        model.addAttribute("sorts", AnalystCustomerQuery.Sort.values());
        model.addAttribute("k", customers.k());
        filterChoices(model, locale);
        modelState(model);
        try {
            AnalystCustomerQuery query = AnalystCustomerQuery.of(segment, tag, region, branch, channel, ageBand, sort,
                    direction, page, size);
            model.addAttribute("list", customers.page(query, CurrentStaff.scope(), locale));
            model.addAttribute("query", query);
        } catch (FieldRuleViolation e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.field() + ": " + messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale));
        }
        return "metrics/analyst-customers";
    }

    /** The filters as typed, to fill the form again and to build the page and CSV links. */
    record Filter(String segment, String tag, String region, Long branch, String channel, String ageBand, String sort,
                  String direction) {
    }

    @GetMapping("/analytics/customers.csv")
    @PreAuthorize("hasAnyRole('ANALYST','COMPLIANCE','ADMIN')")
    void csv(@RequestParam(required = false) String segment, @RequestParam(required = false) String tag,
             @RequestParam(required = false) String region, @RequestParam(required = false) Long branch,
             @RequestParam(required = false) String channel, @RequestParam(required = false) String ageBand,
             @RequestParam(required = false) String sort, @RequestParam(required = false) String direction,
             Locale locale, HttpServletResponse response) throws IOException {
        AnalystCustomerQuery query = AnalystCustomerQuery.of(segment, tag, region, branch, channel, ageBand, sort, direction,
                0, 200);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"analytics-customers.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        List<String> header = List.of("analytics.pseudonym", "customer.kind", "analytics.ageBand", "customer.gender",
                "analytics.region", "analytics.branch", "analytics.channel", "analytics.segments", "analytics.tags",
                "analytics.activePolicies", "analytics.premiumBand", "analytics.claimsBand", "analytics.tenureBand",
                "analytics.contribution").stream().map(key -> text(key, locale)).toList();
        try (CsvExport csv = CsvExport.to(writer, header)) {
            customers.each(query, CurrentStaff.scope(), locale, row -> csv.row(row.pseudonym(), row.kind(),
                    row.ageBand(), row.gender(), row.regionGeneralised() ? "*" : row.region(),
                    row.regionGeneralised() ? "*" : row.branch(), row.channel(), segments(row.segments()),
                    String.join(" ", row.tags()), row.activePolicies(), row.premiumBand(), row.claimsBand(),
                    row.tenureBand(), row.contribution()));
        }
        writer.flush();
    }

    private static String segments(Map<String, String> segments) {
        return segments.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
    }

    @ExceptionHandler(FieldRuleViolation.class)
    ResponseEntity<String> invalid(FieldRuleViolation e, Locale locale) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN)
                .body(e.field() + ": " + messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale));
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
