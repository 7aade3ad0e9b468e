package io.insurecrm.interaction.web;

import io.insurecrm.interaction.InteractionEntry;
import io.insurecrm.interaction.InteractionForm;
import io.insurecrm.interaction.InteractionLog;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.Paged;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers/{customerId}/interactions")
@Tag(name = "Interactions", description = "Consultations, complaints, service requests, surveys, referrals and events")
class InteractionApi {

    private final InteractionLog log;
    private final io.insurecrm.privacy.AccessAudit audit;

    InteractionApi(InteractionLog log, io.insurecrm.privacy.AccessAudit audit) {
        this.log = log;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "A customer's interactions, newest first",
            description = "Only for a customer in the caller's data scope; any other is reported as not found.")
    @ApiResponse(responseCode = "200", description = "One page of interactions")
    @ApiResponse(responseCode = "404", description = "No such customer in the caller's scope",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    Paged<InteractionEntry> list(@PathVariable long customerId, @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "20") int size) {
        Paged<InteractionEntry> entries = log.list(customerId, scope(), page, size);
        audit.record(io.insurecrm.privacy.AuditAction.VIEW_CUSTOMER_API, customerId, List.of("interactions"),
                "interactions page " + page);
        return entries;
    }

    @PostMapping
    @Operation(summary = "Log an interaction with a customer",
            description = "occurredAt is the insurer's local time and may not lie in the future; npsScore (0–10) is "
                    + "required for a SURVEY and refused for any other type; referredCustomerId is required for a "
                    + "REFERRAL and refused otherwise.")
    @ApiResponse(responseCode = "201", description = "The interaction as recorded")
    @ApiResponse(responseCode = "400", description = "Invalid fields, each named with the reason",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such customer in the caller's scope",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<InteractionEntry> record(@PathVariable long customerId, @Valid @RequestBody InteractionForm form) {
        DataScope scope = scope();
        long id = log.record(customerId, form, scope);
        return ResponseEntity.created(URI.create("/api/customers/" + customerId + "/interactions/" + id))
                .body(log.entry(customerId, id, scope));
    }

    private static DataScope scope() {
        return CurrentStaff.scope();
    }
}
