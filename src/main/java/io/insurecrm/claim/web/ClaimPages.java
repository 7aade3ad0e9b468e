package io.insurecrm.claim.web;

import io.insurecrm.claim.Claim;
import io.insurecrm.claim.ClaimAttachment;
import io.insurecrm.claim.ClaimExtension;
import io.insurecrm.claim.ClaimManagement;
import io.insurecrm.claim.ClaimStatus;
import io.insurecrm.claim.ClaimStatusChange;
import io.insurecrm.claim.ClaimStep;
import io.insurecrm.claim.PayClaim;
import io.insurecrm.claim.RejectClaim;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.CustomerSummary;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import io.insurecrm.policy.Policy;
import io.insurecrm.policy.PolicyManagement;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The claim page with its progress and next steps, the report-a-claim form, and a policy's claims as a fragment. */
@Controller
class ClaimPages {

    private static final Set<Role> HANDLERS = EnumSet.of(Role.BRANCH_MANAGER, Role.ADMIN);

    private final ClaimManagement claims;
    private final PolicyManagement policies;
    private final CustomerManagement customers;
    private final AccessAudit audit;
    private final ClaimExtensions extensions;
    private final Clock clock;

    ClaimPages(ClaimManagement claims, PolicyManagement policies, CustomerManagement customers, AccessAudit audit,
               ObjectProvider<ClaimExtension> extensions, Clock clock) {
        this.extensions = new ClaimExtensions(extensions);
        this.claims = claims;
        this.policies = policies;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    /** One step of the progress bar: done when the claim reached it, with when and the note. */
    record ProgressStep(ClaimStatus status, boolean done, LocalDateTime at, String note) {
    }

    @GetMapping("/claims/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("paymentForm", new PaymentForm());
        model.addAttribute("rejectionForm", new RejectionForm());
        String view = detail(id, model);
        // a claim tells about the customer's health or property: audited like the 360 page
        Claim claim = (Claim) model.getAttribute("claim");
        audit.record(AuditAction.VIEW_CUSTOMER, claim.getCustomerId(), java.util.List.of("claim", "description", "amounts"),
                "claim " + claim.getClaimNumber().value());
        return view;
    }

    private String detail(long id, Model model) {
        DataScope scope = CurrentStaff.scope();
        Claim claim = claims.find(id, scope);
        Policy policy = policies.find(claim.getPolicyId(), scope);
        model.addAttribute("claim", claim);
        model.addAttribute("policy", policy);
        model.addAttribute("claimant", customers.summaries(List.of(claim.getCustomerId()), scope).get(claim.getCustomerId()));
        model.addAttribute("progress", progress(claim));
        model.addAttribute("actions", actions(claim));
        model.addAttribute("flags", extensions.flags(id));
        model.addAttribute("attachments", extensions.attachments(id));
        return "claim/detail";
    }

    /**
     * An attachment of a claim in the caller's scope (a photo the customer uploaded), inline or as a download;
     * audited like the claim page. 404 when the claim is outside the scope or the attachment is not the claim's.
     */
    @GetMapping("/claims/{id}/attachments/{source}/{attachmentId}")
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable String source, @PathVariable long attachmentId,
                                      @RequestParam(name = "download", defaultValue = "false") boolean download) {
        Claim claim = claims.find(id, CurrentStaff.scope());
        ClaimAttachment.Content content = extensions.content(id, source, attachmentId);
        audit.record(AuditAction.VIEW_CUSTOMER, claim.getCustomerId(), List.of("claim", "photo"),
                "claim " + claim.getClaimNumber().value() + " attachment " + source + "/" + attachmentId);
        return ClaimExtensions.response(content, download);
    }

    private List<ProgressStep> progress(Claim claim) {
        List<ClaimStatus> path = claim.getStatus() == ClaimStatus.REJECTED
                ? claim.getHistory().stream().map(ClaimStatusChange::status).distinct().toList()
                : ClaimStatus.pathToPayment();
        List<ProgressStep> steps = new ArrayList<>();
        for (ClaimStatus status : path) {
            Optional<ClaimStatusChange> change = claim.step(status);
            steps.add(new ProgressStep(status, change.isPresent(),
                    change.map(c -> LocalDateTime.ofInstant(c.changedAt(), clock.getZone())).orElse(null),
                    change.map(ClaimStatusChange::note).orElse(null)));
        }
        return steps;
    }

    private static List<String> actions(Claim claim) {
        boolean handler = CurrentStaff.get().map(StaffPrincipal::role).filter(HANDLERS::contains).isPresent();
        if (!handler) {
            return List.of();
        }
        return switch (claim.getStatus()) {
            case REPORTED -> List.of("ASSESS", "REJECT");
            case ASSESSING -> List.of("APPROVE", "REJECT");
            case APPROVED -> List.of("PAY");
            case PAID, REJECTED -> List.of();
        };
    }

    @GetMapping("/claims/new")
    String newClaim(@RequestParam long policyId, Model model) {
        Policy policy = policies.find(policyId, CurrentStaff.scope());
        model.addAttribute("claimForm", ClaimForm.forPolicy(policyId, policy.getInsuredId(), LocalDate.now(clock)));
        return form(policy, model);
    }

    @PostMapping("/claims")
    String report(@Valid @ModelAttribute("claimForm") ClaimForm form, BindingResult result, Model model) {
        if (!result.hasErrors()) {
            try {
                return "redirect:/claims/" + claims.report(form.toCommand(), CurrentStaff.scope());
            } catch (FieldRuleViolation violation) {
                violation.rejectOn(result);
            }
        }
        Policy policy = form.getPolicyId() == null ? null : policies.find(form.getPolicyId(), CurrentStaff.scope());
        return form(policy, model);
    }

    private String form(Policy policy, Model model) {
        Map<Long, String> claimants = new LinkedHashMap<>();
        if (policy != null) {
            Map<Long, CustomerSummary> people = customers.summaries(
                    List.of(policy.getInsuredId(), policy.getHolderId()), CurrentStaff.scope());
            for (long id : List.of(policy.getInsuredId(), policy.getHolderId())) {
                claimants.putIfAbsent(id, people.containsKey(id) ? people.get(id).name() : String.valueOf(id));
            }
        }
        model.addAttribute("policy", policy);
        model.addAttribute("claimants", claimants);
        return "claim/form";
    }

    @PostMapping("/claims/{id}/assessment")
    String assess(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return step(id, redirect, () -> claims.assess(id, new ClaimStep(note), CurrentStaff.scope()));
    }

    @PostMapping("/claims/{id}/approval")
    String approve(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return step(id, redirect, () -> claims.approve(id, new ClaimStep(note), CurrentStaff.scope()));
    }

    @PostMapping("/claims/{id}/payment")
    String pay(@PathVariable long id, @Valid @ModelAttribute("paymentForm") PaymentForm form, BindingResult result,
               Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                return step(id, redirect, () -> claims.pay(id, new PayClaim(form.getAmountPaid(), form.getNote()), CurrentStaff.scope()));
            } catch (FieldRuleViolation violation) {
                violation.rejectOn(result);
            }
        }
        model.addAttribute("rejectionForm", new RejectionForm());
        return detail(id, model);
    }

    @PostMapping("/claims/{id}/rejection")
    String reject(@PathVariable long id, @Valid @ModelAttribute("rejectionForm") RejectionForm form, BindingResult result,
                  Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                return step(id, redirect, () -> claims.reject(id, new RejectClaim(form.getReason()), CurrentStaff.scope()));
            } catch (FieldRuleViolation violation) {
                violation.rejectOn(result);
            }
        }
        model.addAttribute("paymentForm", new PaymentForm());
        return detail(id, model);
    }

    private static String step(long id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", "claim.changed");
        } catch (IllegalStateTransitionException e) {
            redirect.addFlashAttribute("error", "claim.transition.refused");
        }
        return "redirect:/claims/" + id;
    }

    /** The claims on a policy, for the policy page (loaded with htmx). */
    @GetMapping("/claims/fragments/policy/{policyId}")
    String policyClaims(@PathVariable long policyId, Model model) {
        model.addAttribute("claims", claims.onPolicy(policyId, CurrentStaff.scope()));
        return "claim/fragments :: policyClaims";
    }
}
