package io.insurecrm.privacy.web;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.privacy.ConsentRecord;
import io.insurecrm.privacy.ConsentRegistry;
import io.insurecrm.privacy.ConsentState;
import io.insurecrm.privacy.SensitiveData;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Consent", description = "Consent per purpose (PIPL) and sensitive data in the clear")
class ConsentApi {

    private final ConsentRegistry consents;
    private final SensitiveData sensitiveData;

    ConsentApi(ConsentRegistry consents, SensitiveData sensitiveData) {
        this.consents = consents;
        this.sensitiveData = sensitiveData;
    }

    @GetMapping("/api/customers/{customerId}/consents")
    @Operation(summary = "The customer's consents: the latest record per purpose and the whole history")
    ConsentState current(@PathVariable long customerId) {
        return consents.current(customerId, CurrentStaff.scope());
    }

    @PostMapping("/api/customers/{customerId}/consents")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    @Operation(summary = "Record a grant (granted=true) or a withdrawal (granted=false) for one purpose")
    ConsentRecord record(@PathVariable long customerId, @Valid @RequestBody ConsentForm form) {
        return form.granted()
                ? consents.grant(customerId, form.purpose(), form.source(), form.noticeVersion(), CurrentStaff.scope())
                : consents.withdraw(customerId, form.purpose(), form.source(), form.noticeVersion(), CurrentStaff.scope());
    }

    /** Why the full value is needed; written into the audit trail. */
    record RevealRequest(String reason) {
    }

    @PostMapping("/api/customers/{customerId}/id-number/reveal")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    @Operation(summary = "The full ID number for the reason given, audited as REVEAL; 400 without a reason, 404 for a "
            + "company, 403 problem (consent-missing) without SENSITIVE_DATA consent")
    Map<String, String> revealIdNumber(@PathVariable long customerId, @RequestBody RevealRequest request) {
        return Map.of("idNumber", sensitiveData.revealIdNumber(customerId, request.reason(), "API", CurrentStaff.scope()));
    }

    @PostMapping("/api/customers/{customerId}/bank-account/reveal")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    @Operation(summary = "The full premium payment account number for the reason given, audited as REVEAL; 400 without a "
            + "reason, 404 when none is stored, 403 problem (consent-missing) without SENSITIVE_DATA consent")
    Map<String, String> revealBankAccount(@PathVariable long customerId, @RequestBody RevealRequest request) {
        return Map.of("bankAccount", sensitiveData.revealBankAccount(customerId, request.reason(), "API", CurrentStaff.scope()));
    }
}
