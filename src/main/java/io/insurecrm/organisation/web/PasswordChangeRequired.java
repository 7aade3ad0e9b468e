package io.insurecrm.organisation.web;

import io.insurecrm.organisation.StaffAccounts;
import io.insurecrm.platform.security.CurrentStaff;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A staff member signed in with a temporary password (set by an administrator) is sent to {@code /account/password}
 * from every other page until he has chosen his own. Asked of the database once per session: the answer no is kept in
 * the session. An htmx request is answered with {@code HX-Redirect} (the page loaded whole, not swapped into a
 * fragment). The API ({@code /api/**}) is not redirected (integrations sign in with tokens, not staff passwords).
 */
@Configuration(proxyBeanMethods = false)
class PasswordChangeRequired implements WebMvcConfigurer {

    static final String CHECKED = PasswordChangeRequired.class.getName() + ".checked";

    /** Absent in web slice tests that load the pages of another module only: then nobody is redirected. */
    private final ObjectProvider<StaffAccounts> accounts;

    PasswordChangeRequired(ObjectProvider<StaffAccounts> accounts) {
        this.accounts = accounts;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
                HttpSession session = request.getSession(false);
                StaffAccounts staff = accounts.getIfAvailable();
                if (staff == null || session == null || Boolean.TRUE.equals(session.getAttribute(CHECKED))
                        || CurrentStaff.get().isEmpty()) {
                    return true;
                }
                if (!staff.passwordChangeRequired(CurrentStaff.username())) {
                    session.setAttribute(CHECKED, Boolean.TRUE);
                    return true;
                }
                String page = request.getContextPath() + "/account/password";
                if ("true".equals(request.getHeader("HX-Request"))) {
                    // an htmx fragment request: a redirect would swap the whole password page into the fragment's
                    // place; HX-Redirect makes htmx load it as the page instead
                    response.setHeader("HX-Redirect", page);
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                } else {
                    response.sendRedirect(page);
                }
                return false;
            }
        }).excludePathPatterns("/api/**", "/account/password", "/login", "/logout", "/error", "/css/**", "/js/**",
                "/webjars/**", "/img/**", "/favicon.ico", "/portal/**", "/v3/api-docs/**", "/swagger-ui/**", "/actuator/**")
                // after the language switch (?lang=), so that it still works on the way to the password page
                .order(100);
    }
}
