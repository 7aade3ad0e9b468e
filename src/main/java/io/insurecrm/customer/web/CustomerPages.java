package io.insurecrm.customer.web;

import io.insurecrm.customer.CustomerForm;
import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.CustomerQuery;
import io.insurecrm.customer.CustomerRow;
import io.insurecrm.customer.IncomeBand;
import io.insurecrm.customer.MaritalStatus;
import io.insurecrm.customer.CompanySize;
import io.insurecrm.platform.csv.CsvExport;
import io.insurecrm.platform.search.CustomerFilterChoices;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import java.util.Set;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages to search, register and edit customers. The 360 page itself lives in the customerview module. */
@Controller
class CustomerPages {

    private static final String EDITORS = "hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')";

    private static final List<String> EXPORTED = List.of("id", "kind", "name", "gender", "birth_date", "id_number_masked",
            "phone", "region", "city", "agent");

    /** What a row of the customer list shows. */
    static final List<String> LISTED = List.of("name", "gender", "birth_date", "id_number_masked", "phone", "region", "city", "agent");
    private static final List<String> EDIT_FORM_FIELDS = List.of("name", "id_number", "credit_code", "phone", "region",
            "city", "occupation", "income_band", "marital_status", "bank_name", "bank_account_masked");

    private final CustomerManagement customers;
    private final AccessAudit audit;
    private final ConsentRegistry consents;
    private final ObjectProvider<CustomerFilterChoices> filterChoices;

    CustomerPages(CustomerManagement customers, AccessAudit audit, ConsentRegistry consents,
                  ObjectProvider<CustomerFilterChoices> filterChoices) {
        this.customers = customers;
        this.audit = audit;
        this.consents = consents;
        this.filterChoices = filterChoices;
    }

    @GetMapping("/customers")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String region,
                  @RequestParam(required = false) CustomerKind kind, @RequestParam(defaultValue = "id") String sort,
                  @RequestParam(defaultValue = "false") boolean desc, @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String segment,
                  @RequestParam(required = false) String tag, Locale locale, Model model) {
        CustomerQuery query = new CustomerQuery(q, region, kind, sort, desc, page, size, segment, tag);
        CustomerFilterChoices choices = filterChoices.getIfAvailable();
        model.addAttribute("segmentChoices", choices == null ? List.of() : choices.segments(locale));
        model.addAttribute("tagChoices", choices == null ? List.of() : choices.tags(locale));
        Paged<CustomerRow> result = customers.search(query, CurrentStaff.scope());
        audit.recordListing(result.content().stream().map(CustomerRow::id).toList(), LISTED,
                "customer search page " + page + ", q=" + (q == null ? "" : q));
        model.addAttribute("query", query);
        model.addAttribute("result", result);
        model.addAttribute("regions", customers.regions());
        return "customer/list";
    }

    @GetMapping("/customers.csv")
    void export(@RequestParam(required = false) String q, @RequestParam(required = false) String region,
                @RequestParam(required = false) CustomerKind kind, @RequestParam(required = false) String segment,
                @RequestParam(required = false) String tag, HttpServletResponse response) throws IOException {
        CustomerQuery filter = new CustomerQuery(q, region, kind, "id", false, 0, 200, segment, tag);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=customers.csv");
        DataScope scope = CurrentStaff.scope();
        // a staff export is processing for the SERVICE purpose: customers without that consent are left out
        audit.record(AuditAction.EXPORT, null, EXPORTED, "customers.csv with SERVICE consent only, q=" + (q == null ? "" : q)
                + " region=" + (region == null ? "" : region) + " kind=" + (kind == null ? "" : kind)
                + " segment=" + (filter.segment() == null ? "" : filter.segment()) + " tag=" + (filter.tag() == null ? "" : filter.tag()));
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CsvExport csv = CsvExport.to(writer, EXPORTED)) {
            int page = 0;
            Paged<CustomerRow> rows;
            do {
                rows = customers.search(new CustomerQuery(q, region, kind, "id", false, page++, 200, filter.segment(),
                        filter.tag()), scope);
                Set<Long> consented = consents.granted(rows.content().stream().map(CustomerRow::id).toList(),
                        ConsentPurpose.SERVICE);
                for (CustomerRow row : rows.content()) {
                    if (!consented.contains(row.id())) {
                        continue;
                    }
                    csv.row(row.id(), row.kind(), row.name(), row.gender(), row.birthDate(), row.maskedIdNumber(),
                            row.phone(), row.regionName(), row.city(), row.agentName());
                }
            } while (rows.hasNext() && page < 5000);
        }
        writer.flush();
    }

    @GetMapping("/customers/new")
    @PreAuthorize(EDITORS)
    String newCustomer(@RequestParam(defaultValue = "INDIVIDUAL") CustomerKind kind, Model model) {
        CustomerForm form = new CustomerForm();
        form.setKind(kind);
        return form(form, null, model);
    }

    @PostMapping("/customers")
    @PreAuthorize(EDITORS)
    String register(@Valid @ModelAttribute("form") CustomerForm form, BindingResult errors, Model model,
                    RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return form(form, null, model);
        }
        try {
            long id = customers.register(form, CurrentStaff.scope());
            redirect.addFlashAttribute("notice", "customer.saved");
            return "redirect:/customers/" + id;
        } catch (FieldRuleViolation violation) {
            violation.rejectOn(errors);
            return form(form, null, model);
        }
    }

    @GetMapping("/customers/{id}/edit")
    @PreAuthorize(EDITORS)
    String edit(@PathVariable long id, Model model) {
        CustomerForm form = customers.editForm(id, CurrentStaff.scope());
        // the form shows the full ID number: audited like any view of personal data, recorded while the form's lists
        // are read; nothing is shown before the record is committed
        AccessAudit.Recording recording = audit.begin(AuditAction.VIEW_CUSTOMER, id, EDIT_FORM_FIELDS, "edit form");
        String view = form(form, id, model);
        recording.await();
        return view;
    }

    @PostMapping("/customers/{id}")
    @PreAuthorize(EDITORS)
    String update(@PathVariable long id, @Valid @ModelAttribute("form") CustomerForm form, BindingResult errors,
                  Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return form(form, id, model);
        }
        try {
            customers.update(id, form, CurrentStaff.scope());
            redirect.addFlashAttribute("notice", "customer.saved");
            return "redirect:/customers/" + id;
        } catch (FieldRuleViolation violation) {
            violation.rejectOn(errors);
            return form(form, id, model);
        }
    }

    private String form(CustomerForm form, Long id, Model model) {
        DataScope scope = CurrentStaff.scope();
        model.addAttribute("form", form);
        model.addAttribute("customerId", id);
        model.addAttribute("regions", customers.regions());
        model.addAttribute("agents", customers.assignableAgents(scope));
        model.addAttribute("incomeBands", IncomeBand.values());
        model.addAttribute("maritalStatuses", MaritalStatus.values());
        model.addAttribute("companySizes", CompanySize.values());
        return "customer/form";
    }
}
