package io.insurecrm.customerview.web;

import io.insurecrm.customer.CustomerNotFound;
import io.insurecrm.customerview.Customer360;
import io.insurecrm.customerview.CustomerView;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Customer 360", description = "Everything about one customer in one read")
class Customer360Api {

    private final CustomerView view;
    private final AccessAudit audit;

    Customer360Api(CustomerView view, AccessAudit audit) {
        this.view = view;
        this.audit = audit;
    }

    @GetMapping("/api/customers/{customerId}/360")
    @Operation(summary = "The Customer 360 read model",
            description = """
                    Profile (ID number masked), household members with their policies (members outside the caller's \
                    data scope without data), policies grouped by status (ACTIVE, LAPSED, EXPIRED, CANCELLED) with \
                    the renewal chain, in-force contract figures and layer coverage, claims with their progress steps \
                    and the newest interactions (more via /api/customers/{id}/interactions).""")
    @ApiResponse(responseCode = "200", description = "The read model")
    @ApiResponse(responseCode = "404", description = "No such customer in the caller's data scope",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    Customer360 customer360(@Parameter(description = "customer id") @PathVariable long customerId) {
        view.shownAs(customerId, CurrentStaff.scope()).orElseThrow(() -> CustomerNotFound.withId(customerId));
        // the view is recorded while the data is read; nothing is answered before the record is committed
        AccessAudit.Recording recording = audit.begin(AuditAction.VIEW_CUSTOMER_API, customerId, CustomerPage.FIELDS_SHOWN, null);
        Customer360 customer = view.of(customerId, CurrentStaff.scope());
        recording.await();
        return customer;
    }
}
