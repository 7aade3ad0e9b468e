package io.insurecrm.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** Puts a signed-in customer into the portal's own session attribute, under a new session id. */
public final class PortalSessions {

    private final HttpSessionSecurityContextRepository repository;
    private final String authority;

    PortalSessions(HttpSessionSecurityContextRepository repository, String authority) {
        this.repository = repository;
        this.authority = authority;
    }

    HttpSessionSecurityContextRepository repository() {
        return repository;
    }

    public void signIn(CustomerPrincipal customer, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(customer, null,
                List.of(new SimpleGrantedAuthority(authority))));
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
