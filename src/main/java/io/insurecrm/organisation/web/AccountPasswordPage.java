package io.insurecrm.organisation.web;

import io.insurecrm.organisation.StaffAccounts;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.FieldRuleViolation;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every staff member's own password ({@code /account/password}): the current one, the new one twice. The page a
 * temporary password leads to before any other ({@link PasswordChangeRequired}).
 */
@Controller
class AccountPasswordPage {

    private final StaffAccounts accounts;
    private final MessageSource messages;

    AccountPasswordPage(StaffAccounts accounts, MessageSource messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/account/password")
    String form(Model model) {
        model.addAttribute("required", accounts.passwordChangeRequired(CurrentStaff.username()));
        return "organisation/password";
    }

    @PostMapping("/account/password")
    String change(@RequestParam(name = "currentPassword", required = false) String currentPassword,
                  @RequestParam(name = "password", required = false) String password,
                  @RequestParam(name = "repeatPassword", required = false) String repeatPassword,
                  HttpSession session, Model model, RedirectAttributes redirect) {
        try {
            if (password == null || !password.equals(repeatPassword)) {
                throw new FieldRuleViolation("repeatPassword", "staff.password.mismatch");
            }
            accounts.changeOwnPassword(CurrentStaff.username(), currentPassword, password);
            session.setAttribute(PasswordChangeRequired.CHECKED, Boolean.TRUE);
            redirect.addFlashAttribute("done", messages.getMessage("account.password.changed", null, LocaleContextHolder.getLocale()));
            return "redirect:/account/password";
        } catch (FieldRuleViolation e) {
            // the password field here is the new one (on the administrators' page it is the temporary one)
            StaffPages.refused(messages, e, e.field().equals("password") ? "newPassword" : e.field(), model);
            return form(model);
        }
    }
}
