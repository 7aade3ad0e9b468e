package io.insurecrm.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginPage {

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        // a username locked after too many failures gets its own message, not "wrong username or password"
        HttpSession session = request.getSession(false);
        model.addAttribute("locked", session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof LockedException);
        return "login";
    }
}
