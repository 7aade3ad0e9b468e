package io.insurecrm.policy.web;

import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.CustomerSummary;
import io.insurecrm.customer.HouseholdView;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import io.insurecrm.policy.PaymentFrequency;
import io.insurecrm.policy.Policy;
import io.insurecrm.policy.PolicyManagement;
import io.insurecrm.policy.PolicyRow;
import io.insurecrm.policy.PolicyStatus;
import io.insurecrm.policy.RenewPolicy;
import io.insurecrm.policy.SalesChannel;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The policy page, the new-policy form and the actions on a policy (POST-redirect-GET). */
@Controller
class PolicyPages {

    private static final Set<Role> WRITERS = EnumSet.of(Role.AGENT, Role.ADVISOR, Role.BRANCH_MANAGER, Role.ADMIN);

    private final PolicyManagement policies;
    private final CustomerManagement customers;
    private final AccessAudit audit;
    private final Clock clock;

    PolicyPages(PolicyManagement policies, CustomerManagement customers, AccessAudit audit, Clock clock) {
        this.policies = policies;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    /** The actions the signed-in staff member may take on a policy in its state. */
    enum Action { RENEW, LAPSE, CANCEL, REINSTATE }

    @GetMapping("/policies/{id}")
    String show(@PathVariable long id, Model model) {
        DataScope scope = CurrentStaff.scope();
        Policy policy = policies.find(id, scope);
        List<PolicyRow> chain = policies.renewalChain(id, scope);
        boolean renewed = chain.stream().anyMatch(term -> term.renewsPolicyId() != null && term.renewsPolicyId() == id);
        Map<Long, CustomerSummary> people = customers.summaries(List.of(policy.getHolderId(), policy.getInsuredId()), scope);
        audit.record(AuditAction.VIEW_CUSTOMER, policy.getHolderId(), List.of("policy", "holder", "insured"),
                "policy " + policy.getPolicyNumber().value());
        model.addAttribute("policy", policy);
        model.addAttribute("product", policies.product(policy.getProductId()).orElse(null));
        model.addAttribute("holder", people.get(policy.getHolderId()));
        model.addAttribute("insured", people.get(policy.getInsuredId()));
        model.addAttribute("chain", chain);
        model.addAttribute("actions", actions(policy, renewed).stream().map(Enum::name).toList());
        return "policy/detail";
    }

    private static Set<Action> actions(Policy policy, boolean renewed) {
        boolean writer = CurrentStaff.get().map(StaffPrincipal::role).filter(WRITERS::contains).isPresent();
        Set<Action> actions = EnumSet.noneOf(Action.class);
        if (!writer) {
            return actions;
        }
        if (policy.isRenewable() && !renewed) {
            actions.add(Action.RENEW);
        }
        if (policy.getStatus() == PolicyStatus.ACTIVE) {
            actions.add(Action.LAPSE);
            actions.add(Action.CANCEL);
        }
        if (policy.getStatus() == PolicyStatus.LAPSED) {
            actions.add(Action.REINSTATE);
        }
        return actions;
    }

    @GetMapping("/policies/new")
    String newPolicy(@RequestParam long holderId, Model model) {
        model.addAttribute("policyForm", PolicyForm.forHolder(holderId, LocalDate.now(clock)));
        return form(holderId, model);
    }

    @PostMapping("/policies")
    String issue(@Valid @ModelAttribute("policyForm") PolicyForm form, BindingResult result, Model model) {
        if (!result.hasErrors()) {
            try {
                long id = policies.issue(form.toCommand(), CurrentStaff.scope());
                return "redirect:/policies/" + id;
            } catch (FieldRuleViolation violation) {
                violation.rejectOn(result);
            }
        }
        return form(form.getHolderId(), model);
    }

    private String form(Long holderId, Model model) {
        DataScope scope = CurrentStaff.scope();
        CustomerSummary holder = holderId == null ? null : customers.summary(holderId, scope);
        Map<Long, String> insurable = new LinkedHashMap<>();
        if (holder != null) {
            insurable.put(holder.id(), holder.name());
            customers.householdOf(holder.id(), scope).map(HouseholdView::members).orElse(List.of()).stream()
                    .filter(member -> member.customerId() != holder.id())
                    .forEach(member -> insurable.put(member.customerId(), member.name()));
        }
        model.addAttribute("holder", holder);
        model.addAttribute("insurable", insurable);
        model.addAttribute("products", policies.products());
        model.addAttribute("frequencies", PaymentFrequency.values());
        model.addAttribute("channels", SalesChannel.values());
        return "policy/form";
    }

    @PostMapping("/policies/{id}/renewal")
    String renew(@PathVariable long id, RedirectAttributes redirect) {
        try {
            long renewal = policies.renew(id, RenewPolicy.unchanged(), CurrentStaff.scope());
            redirect.addFlashAttribute("notice", "policy.renewed");
            return "redirect:/policies/" + renewal;
        } catch (IllegalStateTransitionException e) {
            return refused(id, redirect);
        }
    }

    @PostMapping("/policies/{id}/lapse")
    String lapse(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> policies.lapse(id, CurrentStaff.scope()));
    }

    @PostMapping("/policies/{id}/cancellation")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> policies.cancel(id, CurrentStaff.scope()));
    }

    @PostMapping("/policies/{id}/reinstatement")
    String reinstate(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> policies.reinstate(id, CurrentStaff.scope()));
    }

    private static String act(long id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", "policy.changed");
            return "redirect:/policies/" + id;
        } catch (IllegalStateTransitionException e) {
            return refused(id, redirect);
        }
    }

    private static String refused(long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("error", "policy.transition.refused");
        return "redirect:/policies/" + id;
    }
}
