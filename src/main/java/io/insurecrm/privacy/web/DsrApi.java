package io.insurecrm.privacy.web;

import io.insurecrm.platform.web.Paged;
import io.insurecrm.privacy.DataSubjectRequests;
import io.insurecrm.privacy.DsrQuery;
import io.insurecrm.privacy.DsrRequest;
import io.insurecrm.privacy.DsrStatus;
import io.insurecrm.privacy.DsrType;
import io.insurecrm.privacy.PersonalDataCopy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import io.insurecrm.platform.personaldata.PersonalDataCorrection;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Data-subject requests", description = "Access, copy, correction and erasure requests under PIPL (compliance and administrators)")
@PreAuthorize("hasAnyRole('COMPLIANCE','ADMIN')")
class DsrApi {

    private final DataSubjectRequests requests;

    DsrApi(DataSubjectRequests requests) {
        this.requests = requests;
    }

    record NewRequest(@NotNull @Positive Long customerId, @NotNull DsrType type, LocalDate receivedOn,
                      @Size(max = 100) String assignee, @Size(max = 2000) String details) {
    }

    record Step(@Size(max = 2000) String note, @Size(max = 100) String assignee) {
    }

    @GetMapping("/api/privacy/requests/due-soon")
    @Operation(summary = "Requests falling due soon", description = "Open (RECEIVED, VERIFIED) requests whose deadline is from "
            + "today to the last day of the reminder (crm.privacy.rights.remind-working-days working days ahead, default 3): "
            + "how many, the earliest deadline, that last day.")
    DataSubjectRequests.DueSoon dueSoon() {
        return requests.dueSoon();
    }

    @GetMapping("/api/privacy/requests")
    @Operation(summary = "Search requests", description = "Sorted by due date unless sort names another column; overdue=true keeps open requests past their deadline; dueSoon=true keeps open requests due from today to the reminder's last day (GET /api/privacy/requests/due-soon).")
    Paged<DsrRequest> search(@RequestParam(required = false) DsrStatus status, @RequestParam(required = false) DsrType type,
                             @RequestParam(required = false) Long customerId, @RequestParam(defaultValue = "false") boolean overdue,
                @RequestParam(defaultValue = "false") boolean dueSoon,
                             @RequestParam(defaultValue = "dueOn") String sort, @RequestParam(defaultValue = "asc") String direction,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return requests.search(new DsrQuery(status, type, customerId, overdue, sort, "desc".equalsIgnoreCase(direction), page, size, dueSoon));
    }

    @PostMapping("/api/privacy/requests")
    @Operation(summary = "Record a request received", description = "The due date is computed from the received date (default today).")
    ResponseEntity<DsrRequest> open(@Valid @RequestBody NewRequest body) {
        DsrRequest created = requests.open(body.customerId(), body.type(), body.receivedOn(), body.assignee(), body.details());
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, "/api/privacy/requests/" + created.id()).body(created);
    }

    @GetMapping("/api/privacy/requests/{id}")
    DsrRequest find(@PathVariable long id) {
        return requests.find(id);
    }

    @PostMapping("/api/privacy/requests/{id}/verification")
    @Operation(summary = "The requester's identity was checked (RECEIVED to VERIFIED)")
    DsrRequest verify(@PathVariable long id, @Valid @RequestBody(required = false) Step body) {
        return requests.verify(id, body == null ? null : body.note(), body == null ? null : body.assignee());
    }

    @PostMapping("/api/privacy/requests/{id}/completion")
    @Operation(summary = "Complete a verified request", description = "An ERASURE request anonymises the customer now; 409 with the reason when the law does not allow it yet.")
    DsrRequest complete(@PathVariable long id, @Valid @RequestBody(required = false) Step body) {
        return requests.complete(id, body == null ? null : body.note());
    }

    @PostMapping("/api/privacy/requests/{id}/rejection")
    @Operation(summary = "Reject an open request", description = "note is the reason the customer is told; required.")
    DsrRequest reject(@PathVariable long id, @Valid @RequestBody(required = false) Step body) {
        return requests.reject(id, body == null ? null : body.note());
    }

    /** The new values of the fields to correct (field name to value; an empty value clears an optional field). */
    record Correction(Map<String, String> values, @Size(max = 2000) String note) {
    }

    @GetMapping("/api/privacy/requests/{id}/correction")
    @Operation(summary = "The correctable fields of a CORRECTION request's customer",
            description = "Current values in the clear (audited as VIEW_CUSTOMER_API) and the choices of the list fields. "
                    + "409 for a request of another type.")
    PersonalDataCorrection.Correctable correctionForm(@PathVariable long id) {
        return requests.correctionForm(id, LocaleContextHolder.getLocale(), true);
    }

    @PostMapping("/api/privacy/requests/{id}/correction")
    @Operation(summary = "Apply a verified CORRECTION request",
            description = "Corrects the customer's fields named in values (individuals: name, phone, regionCode, city, occupation, "
                    + "incomeBand, maritalStatus; companies: name, phone, regionCode, city, industry, companySize), validated "
                    + "like the customer edit form, and completes the request in one transaction; what changed is kept with "
                    + "the request (corrected, masked where sensitive) and audited as CORRECTION. 400 naming the fields for "
                    + "invalid values or a correction that changes nothing, 409 for a request not VERIFIED or of another "
                    + "type; nothing is changed then.")
    DsrRequest correct(@PathVariable long id, @Valid @RequestBody Correction body) {
        return requests.correct(id, body.values(), body.note());
    }

    @GetMapping("/api/privacy/customers/{customerId}/personal-data")
    @Operation(summary = "A copy of everything about one customer (JSON)", description = "Audited as DSR_EXPORT.")
    ResponseEntity<PersonalDataCopy> copy(@PathVariable long customerId) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=customer-" + customerId + "-personal-data.json")
                .body(requests.copyOf(customerId, "json"));
    }
}
