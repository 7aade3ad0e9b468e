package io.insurecrm.claim.web;

import io.insurecrm.claim.Claim;
import io.insurecrm.claim.ClaimAttachment;
import io.insurecrm.claim.ClaimExtension;
import io.insurecrm.claim.ClaimManagement;
import io.insurecrm.claim.ClaimRow;
import io.insurecrm.claim.ClaimStep;
import io.insurecrm.claim.PayClaim;
import io.insurecrm.claim.RejectClaim;
import io.insurecrm.claim.ReportClaim;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Claims for integrations. Broken rules are 400 problems naming the field, illegal steps 409, unknown 404. */
@RestController
@RequestMapping("/api/claims")
@Tag(name = "Claims", description = "Report claims and move them through assessment, approval and payment or rejection")
class ClaimApi {

    private final ClaimManagement claims;
    private final AccessAudit audit;
    private final ClaimExtensions extensions;
    private final MessageSource messages;

    ClaimApi(ClaimManagement claims, AccessAudit audit, ObjectProvider<ClaimExtension> extensions, MessageSource messages) {
        this.claims = claims;
        this.audit = audit;
        this.extensions = new ClaimExtensions(extensions);
        this.messages = messages;
    }

    @PostMapping
    @Operation(summary = "Report a claim", description = "The incident within the policy's cover, reported on or after it "
            + "and not in the future; the claimant (the insured when left out) must be the holder or the insured.")
    ResponseEntity<ClaimResource> report(@Valid @RequestBody ReportClaim command) {
        long id = claims.report(command, CurrentStaff.scope());
        return ResponseEntity.created(URI.create("/api/claims/" + id)).body(find(id));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One claim with its history, flags and attachments", description = "Flags other modules set "
            + "(PHOTO_SETTLEMENT: a Gold or Diamond member's open home claim under 5,000 CNY, settled from photos without "
            + "an on-site survey) with their text in the request's language; attachments (photos the customer uploaded "
            + "in the portal) with the link to their content. 404 when it does not exist or is outside your scope.")
    ClaimResource find(@PathVariable long id) {
        Claim claim = claims.find(id, CurrentStaff.scope());
        audit.record(AuditAction.VIEW_CUSTOMER_API, claim.getCustomerId(), java.util.List.of("claim", "description", "amounts"),
                "claim " + claim.getClaimNumber().value());
        List<ClaimResource.Flag> flags = extensions.flags(id).stream()
                .map(f -> new ClaimResource.Flag(f.code(), messages.getMessage(f.messageKey(), f.args(), f.code(),
                        LocaleContextHolder.getLocale()))).toList();
        List<ClaimResource.Attachment> attachments = extensions.attachments(id).stream()
                .map(a -> new ClaimResource.Attachment(a.source(), a.id(), a.fileName(), a.contentType(), a.sizeBytes(),
                        a.uploadedAt(), "/api/claims/" + id + "/attachments/" + a.source() + "/" + a.id())).toList();
        return ClaimResource.of(claim, flags, attachments);
    }

    @GetMapping("/{id}/attachments/{source}/{attachmentId}")
    @Operation(summary = "An attachment's content", description = "The bytes of a claim's attachment (a customer's photo) "
            + "with its media type; audited. 404 when the claim is outside your scope or the attachment is not the claim's.")
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable String source, @PathVariable long attachmentId) {
        Claim claim = claims.find(id, CurrentStaff.scope());
        ClaimAttachment.Content content = extensions.content(id, source, attachmentId);
        audit.record(AuditAction.VIEW_CUSTOMER_API, claim.getCustomerId(), List.of("claim", "photo"),
                "claim " + claim.getClaimNumber().value() + " attachment " + source + "/" + attachmentId);
        return ClaimExtensions.response(content, true);
    }

    @GetMapping(params = "customerId")
    @Operation(summary = "A customer's claims", description = "Claims the customer made or on policies he holds, newest first.")
    List<ClaimRow> ofCustomer(@RequestParam long customerId) {
        List<ClaimRow> rows = claims.ofCustomer(customerId, CurrentStaff.scope());
        if (!rows.isEmpty()) { // an empty list tells nothing about the customer (or he is outside the scope)
            audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("claims", "description", "amounts"),
                    "claims of customer (" + rows.size() + ")");
        }
        return rows;
    }

    @PostMapping("/{id}/assessment")
    @Operation(summary = "Start assessing", description = "REPORTED → ASSESSING; 409 from any other status.")
    ClaimResource assess(@PathVariable long id, @Valid @RequestBody(required = false) ClaimStep step) {
        claims.assess(id, step == null ? ClaimStep.withoutNote() : step, CurrentStaff.scope());
        return find(id);
    }

    @PostMapping("/{id}/approval")
    @Operation(summary = "Approve", description = "ASSESSING → APPROVED; 409 from any other status.")
    ClaimResource approve(@PathVariable long id, @Valid @RequestBody(required = false) ClaimStep step) {
        claims.approve(id, step == null ? ClaimStep.withoutNote() : step, CurrentStaff.scope());
        return find(id);
    }

    @PostMapping("/{id}/payment")
    @Operation(summary = "Pay", description = "APPROVED → PAID with 0 < amountPaid ≤ amountClaimed; settles the claim today.")
    ClaimResource pay(@PathVariable long id, @Valid @RequestBody PayClaim command) {
        claims.pay(id, command, CurrentStaff.scope());
        return find(id);
    }

    @PostMapping("/{id}/rejection")
    @Operation(summary = "Reject", description = "REPORTED or ASSESSING → REJECTED with a reason; settles the claim today.")
    ClaimResource reject(@PathVariable long id, @Valid @RequestBody RejectClaim command) {
        claims.reject(id, command, CurrentStaff.scope());
        return find(id);
    }
}
