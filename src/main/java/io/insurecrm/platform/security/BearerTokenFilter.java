package io.insurecrm.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**} requests that carry {@code Authorization: Bearer <token>}: statelessly (the
 * security context lives for this request only and is never saved in a session) and limited to the token's
 * scopes and its request rate. A refused token answers at once, with {@code WWW-Authenticate: Bearer error=...} and a problem body.
 * Requests without a bearer token (staff sessions, HTTP basic) pass untouched.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final BearerTokens tokens;

    BearerTokenFilter(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader("Authorization").substring(7).strip();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        BearerTokens.Outcome outcome = tokens.check(token, request.getMethod(), path);
        if (outcome instanceof BearerTokens.Refused refused) {
            response.setStatus(refused.status());
            if (refused.retryAfterSeconds() > 0) {
                response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
            }
            response.setHeader("WWW-Authenticate", "Bearer error=\"" + refused.error() + "\", error_description=\""
                    + refused.description().replace("\"", "'") + "\"");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"urn:insurecrm:problem:" + refused.error().replace('_', '-')
                    + "\",\"title\":\"" + (switch (refused.status()) {
                        case 401 -> "Unauthorized";
                        case 429 -> "Too Many Requests";
                        default -> "Forbidden";
                    }) + "\",\"status\":"
                    + refused.status() + ",\"detail\":\"" + json(refused.description()) + "\"}");
            return;
        }
        StaffPrincipal principal = ((BearerTokens.Granted) outcome).principal();
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }
}
