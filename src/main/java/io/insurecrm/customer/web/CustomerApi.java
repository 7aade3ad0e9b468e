package io.insurecrm.customer.web;

import io.insurecrm.customer.Customer;
import io.insurecrm.customer.CustomerForm;
import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.CustomerQuery;
import io.insurecrm.customer.CustomerRow;
import io.insurecrm.customer.CustomerSummary;
import io.insurecrm.customer.HouseholdView;
import io.insurecrm.customer.Relationship;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.Paged;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers", description = "Search, register and edit customers and their households, within the caller's data scope")
class CustomerApi {

    private static final String EDITORS = "hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')";

    private final CustomerManagement customers;

    private final AccessAudit audit;

    CustomerApi(CustomerManagement customers, AccessAudit audit) {
        this.customers = customers;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Search customers by name prefix, phone, ID number, credit code or policy number, paged and sorted; "
            + "optionally only those in a current segment (segment=VALUE:HIGH; segment=CLUSTER:3 = need cluster 3 of the current "
            + "cluster run) or with a tag (tag=NEED:MEDICAL_GAP)")
    Paged<CustomerRow> search(@RequestParam(required = false) String q, @RequestParam(required = false) String region,
                              @RequestParam(required = false) CustomerKind kind,
                              @RequestParam(defaultValue = "id") String sort, @RequestParam(defaultValue = "false") boolean desc,
                              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                              @RequestParam(required = false) String segment, @RequestParam(required = false) String tag) {
        Paged<CustomerRow> result = customers.search(new CustomerQuery(q, region, kind, sort, desc, page, size, segment, tag),
                CurrentStaff.scope());
        audit.recordListing(result.content().stream().map(CustomerRow::id).toList(), CustomerPages.LISTED,
                "customer search API page " + page + ", q=" + (q == null ? "" : q));
        return result;
    }

    @GetMapping("/{id}")
    @Operation(summary = "One customer (ID number masked); 404 when missing or outside the caller's scope")
    CustomerSummary get(@PathVariable long id) {
        CustomerSummary summary = customers.summary(id, CurrentStaff.scope());
        audit.record(AuditAction.VIEW_CUSTOMER_API, id, List.of("name", "gender", "birth_date", "id_number_masked", "phone"),
                "customer summary");
        return summary;
    }

    @PostMapping
    @PreAuthorize(EDITORS)
    @Operation(summary = "Register a customer; invalid fields give a 400 problem naming each field")
    ResponseEntity<CustomerSummary> register(@Valid @RequestBody CustomerForm form) {
        long id = customers.register(form, CurrentStaff.scope());
        return ResponseEntity.created(URI.create("/api/customers/" + id)).body(customers.summary(id, CurrentStaff.scope()));
    }

    @PutMapping("/{id}")
    @PreAuthorize(EDITORS)
    @Operation(summary = "Edit a customer's profile; the ID number cannot change")
    CustomerSummary update(@PathVariable long id, @Valid @RequestBody CustomerForm form) {
        customers.update(id, form, CurrentStaff.scope());
        return customers.summary(id, CurrentStaff.scope());
    }

    @GetMapping("/{id}/household")
    @Operation(summary = "The customer's household with its members, or 204 when he has none")
    ResponseEntity<HouseholdView> household(@PathVariable long id) {
        return customers.householdOf(id, CurrentStaff.scope()).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/{id}/household")
    @PreAuthorize(EDITORS)
    @Operation(summary = "Found a household headed by this customer")
    ResponseEntity<HouseholdView> foundHousehold(@PathVariable long id, @Valid @RequestBody NewHousehold body) {
        customers.foundHousehold(id, body.name(), CurrentStaff.scope());
        return ResponseEntity.status(201).body(customers.householdOf(id, CurrentStaff.scope()).orElseThrow());
    }

    @PostMapping("/{id}/household/members")
    @PreAuthorize(EDITORS)
    @Operation(summary = "Add a customer to this customer's household")
    HouseholdView addMember(@PathVariable long id, @Valid @RequestBody NewMember body) {
        customers.addToHousehold(id, body.customerId(), body.relationship(), CurrentStaff.scope());
        return customers.householdOf(id, CurrentStaff.scope()).orElseThrow();
    }

    record NewHousehold(@NotBlank String name) {
    }

    record NewMember(@NotNull Long customerId, @NotNull Relationship relationship) {
    }
}
