package io.insurecrm.organisation.web;

import io.insurecrm.organisation.StaffAccounts;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.time.Clock;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page of staff accounts ({@code /admin/staff}): search by username or name and role, open an
 * account with a temporary password, reset a password to a temporary one, disable and enable. Problems are shown
 * above the form naming the field; what was typed stays (but the password).
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class StaffPages {

    private final StaffAccounts accounts;
    private final MessageSource messages;
    private final Clock clock;

    StaffPages(StaffAccounts accounts, MessageSource messages, Clock clock) {
        this.accounts = accounts;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/admin/staff")
    String list(@RequestParam(name = "q", required = false) String text, @RequestParam(name = "role", required = false) Role role,
                @RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        model.addAttribute("accounts", accounts.search(text, role, page, 50));
        model.addAttribute("q", text);
        model.addAttribute("role", role);
        model.addAttribute("roles", Role.values());
        model.addAttribute("zone", clock.getZone());
        return "organisation/staff";
    }

    @PostMapping("/admin/staff")
    String open(@RequestParam(name = "username", required = false) String username,
                @RequestParam(name = "displayName", required = false) String displayName,
                @RequestParam(name = "role", required = false) Role role,
                @RequestParam(name = "agentId", required = false) Long agentId,
                @RequestParam(name = "branchId", required = false) Long branchId,
                @RequestParam(name = "password", required = false) String password, Model model, RedirectAttributes redirect) {
        try {
            accounts.open(username, password, displayName, role, agentId, branchId);
            redirect.addFlashAttribute("done", messages.getMessage("staff.created", new Object[] {username.strip()},
                    LocaleContextHolder.getLocale()));
            return "redirect:/admin/staff?q=" + java.net.URLEncoder.encode(username.strip(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (FieldRuleViolation e) {
            refused(e, model);
            model.addAttribute("typed", new Typed(username, displayName, role, agentId, branchId));
            return list(null, null, 0, model);
        }
    }

    @PostMapping("/admin/staff/{id}/password")
    String reset(@PathVariable("id") long id, @RequestParam(name = "password", required = false) String password,
                 Model model, RedirectAttributes redirect) {
        try {
            accounts.resetPassword(id, password);
            redirect.addFlashAttribute("done", messages.getMessage("staff.resetDone", new Object[] {accounts.username(id)},
                    LocaleContextHolder.getLocale()));
            return "redirect:/admin/staff";
        } catch (FieldRuleViolation e) {
            refused(e, model);
            model.addAttribute("resetId", id);
            return list(null, null, 0, model);
        }
    }

    @PostMapping("/admin/staff/{id}/enabled")
    String enable(@PathVariable("id") long id, @RequestParam(name = "enabled") boolean enabled, Model model,
                  RedirectAttributes redirect) {
        try {
            accounts.enable(id, enabled, CurrentStaff.username());
            redirect.addFlashAttribute("done", messages.getMessage(enabled ? "staff.enabledDone" : "staff.disabledDone",
                    new Object[] {accounts.username(id)}, LocaleContextHolder.getLocale()));
            return "redirect:/admin/staff";
        } catch (FieldRuleViolation e) {
            refused(e, model);
            return list(null, null, 0, model);
        }
    }

    @PostMapping("/admin/staff/{id}/unlock")
    String unlock(@PathVariable("id") long id, Model model, RedirectAttributes redirect) {
        try {
            accounts.unlock(id);
            redirect.addFlashAttribute("done", messages.getMessage("staff.unlocked", new Object[] {accounts.username(id)},
                    LocaleContextHolder.getLocale()));
            return "redirect:/admin/staff";
        } catch (FieldRuleViolation e) {
            refused(e, model);
            return list(null, null, 0, model);
        }
    }

    private void refused(FieldRuleViolation e, Model model) {
        refused(messages, e, e.field(), model);
    }

    /**
     * A refusal shown above a form of the staff pages: "field label: reason" in the reader's language, the field named
     * for the form to mark; {@code label} picks the label key {@code staff.field.<label>}.
     */
    static void refused(MessageSource messages, FieldRuleViolation e, String label, Model model) {
        String field = messages.getMessage("staff.field." + label, null, e.field(), LocaleContextHolder.getLocale());
        String reason = messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), LocaleContextHolder.getLocale());
        model.addAttribute("problem", messages.getMessage("staff.problem", new Object[] {field, reason}, LocaleContextHolder.getLocale()));
        model.addAttribute("problemField", e.field());
    }

    /** What the administrator typed in the new-account form, shown again with a problem. */
    record Typed(String username, String displayName, Role role, Long agentId, Long branchId) {
    }
}
