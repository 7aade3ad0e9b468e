package io.insurecrm.policy.web;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.policy.IssuePolicy;
import io.insurecrm.policy.PolicyManagement;
import io.insurecrm.policy.PolicyRow;
import io.insurecrm.policy.RenewPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Policies for integrations. Broken rules are 400 problems naming the field, illegal transitions 409, unknown 404. */
@RestController
@RequestMapping("/api/policies")
@Tag(name = "Policies", description = "Issue, renew, lapse, cancel and reinstate policies")
class PolicyApi {

    private final PolicyManagement policies;
    private final AccessAudit audit;

    PolicyApi(PolicyManagement policies, AccessAudit audit) {
        this.policies = policies;
        this.audit = audit;
    }

    @PostMapping
    @Operation(summary = "Issue a policy", description = "Creates an active first term; 400 names the field of a broken rule.")
    ResponseEntity<PolicyResource> issue(@Valid @RequestBody IssuePolicy command) {
        long id = policies.issue(command, CurrentStaff.scope());
        return created(id);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One policy", description = "404 when it does not exist or its holder is outside your scope.")
    PolicyResource find(@PathVariable long id) {
        io.insurecrm.policy.Policy policy = policies.find(id, CurrentStaff.scope());
        audit.record(AuditAction.VIEW_CUSTOMER_API, policy.getHolderId(), java.util.List.of("policy"),
                "policy " + policy.getPolicyNumber().value());
        return PolicyResource.of(policy);
    }

    @GetMapping(params = "customerId")
    @Operation(summary = "A customer's policies", description = "Policies the customer holds or is insured by, newest first.")
    List<PolicyRow> ofCustomer(@RequestParam long customerId) {
        List<PolicyRow> rows = policies.ofCustomer(customerId, CurrentStaff.scope());
        if (!rows.isEmpty()) { // an empty list tells nothing about the customer (or he is outside the scope)
            audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("policies"),
                    "policies of customer (" + rows.size() + ")");
        }
        return rows;
    }

    @PostMapping("/{id}/renewal")
    @Operation(summary = "Renew a term", description = "Creates the next term starting the day after this one ends; "
            + "a term is renewed once (409 otherwise). Premium and sum insured left out stay as they were.")
    ResponseEntity<PolicyResource> renew(@PathVariable long id, @Valid @RequestBody(required = false) RenewPolicy command) {
        long renewal = policies.renew(id, command == null ? RenewPolicy.unchanged() : command, CurrentStaff.scope());
        return created(renewal);
    }

    @PostMapping("/{id}/lapse")
    @Operation(summary = "Lapse an active policy", description = "ACTIVE → LAPSED today; 409 from any other status.")
    PolicyResource lapse(@PathVariable long id) {
        policies.lapse(id, CurrentStaff.scope());
        return find(id);
    }

    @PostMapping("/{id}/cancellation")
    @Operation(summary = "Cancel an active policy", description = "ACTIVE → CANCELLED today; 409 from any other status.")
    PolicyResource cancel(@PathVariable long id) {
        policies.cancel(id, CurrentStaff.scope());
        return find(id);
    }

    @PostMapping("/{id}/reinstatement")
    @Operation(summary = "Reinstate a lapsed policy",
            description = "LAPSED → ACTIVE within the reinstatement period (crm.policy.reinstatement-period); 409 otherwise.")
    PolicyResource reinstate(@PathVariable long id) {
        policies.reinstate(id, CurrentStaff.scope());
        return find(id);
    }

    private ResponseEntity<PolicyResource> created(long id) {
        return ResponseEntity.created(URI.create("/api/policies/" + id)).body(find(id));
    }
}
