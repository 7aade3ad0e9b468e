package io.insurecrm.organisation.web;

import io.insurecrm.organisation.StaffAccounts;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts over the API: the administrators' operations, and every staff member's own password. */
@RestController
@Tag(name = "Staff accounts", description = "Open, list, enable and disable staff accounts and set passwords")
class StaffApi {

    private final StaffAccounts accounts;

    StaffApi(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    record NewAccount(String username, String displayName, Role role, Long agentId, Long branchId, String password) {
    }

    record NewPassword(String password) {
    }

    record Enabled(Boolean enabled) {
    }

    record OwnPassword(String currentPassword, String password) {
    }

    @GetMapping("/api/admin/staff")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Staff accounts", description = "By username; q filters username and name (contains), role the role.")
    Paged<StaffAccounts.StaffRow> list(@RequestParam(name = "q", required = false) String text,
                                       @RequestParam(name = "role", required = false) Role role,
                                       @RequestParam(name = "page", defaultValue = "0") int page,
                                       @RequestParam(name = "size", defaultValue = "50") int size) {
        return accounts.search(text, role, page, size);
    }

    @PostMapping("/api/admin/staff")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Open an account", description = "With a temporary password its owner must change at the first "
            + "sign-in on the pages. AGENT and ADVISOR need agentId (an agent of that kind), BRANCH_MANAGER branchId. 400 naming "
            + "the field: username (3-40 letters, digits or . _ -; taken), displayName, role, agentId, branchId, password (the "
            + "policy). 201 with the id. Audited as STAFF_ACCOUNT.")
    ResponseEntity<Map<String, Long>> open(@RequestBody NewAccount body) {
        long id = accounts.open(body.username(), body.password(), body.displayName(), body.role(), body.agentId(), body.branchId());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
    }

    @PostMapping("/api/admin/staff/{id}/password")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Reset a password", description = "To a temporary one (changed at the next sign-in). 400 on the field "
            + "password when the policy refuses it; 404 for no such account. Audited.")
    ResponseEntity<Void> reset(@PathVariable("id") long id, @RequestBody NewPassword body) {
        accounts.resetPassword(id, body.password());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/admin/staff/{id}/enabled")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Enable or disable an account", description = "A disabled account cannot sign in. 400 on the field "
            + "enabled when it is missing or the account is the caller's own. Audited.")
    ResponseEntity<Void> enable(@PathVariable("id") long id, @RequestBody Enabled body) {
        if (body.enabled() == null) {
            throw new FieldRuleViolation("enabled", "staff.enabled.required");
        }
        accounts.enable(id, body.enabled(), CurrentStaff.username());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/admin/staff/{id}/unlock")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Unlock an account", description = "An account locked by its failed sign-ins: those failures no "
            + "longer count (they stay in the audit trail). 400 on the field id when it is not locked; 404 for no such "
            + "account. Audited.")
    ResponseEntity<Void> unlock(@PathVariable("id") long id) {
        accounts.unlock(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/account/password")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Change one's own password", description = "400 on currentPassword when it is wrong, on password "
            + "when it equals the current one or the policy refuses it; 403 for an API token. Audited.")
    ResponseEntity<Void> changeOwn(@RequestBody OwnPassword body) {
        if (CurrentStaff.get().map(staff -> staff.userId() <= 0).orElse(true)) {
            throw new AccessDeniedException("an API token has no password of its own");
        }
        accounts.changeOwnPassword(CurrentStaff.username(), body.currentPassword(), body.password());
        return ResponseEntity.noContent().build();
    }
}
