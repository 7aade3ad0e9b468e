package io.insurecrm.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The portal's own filter chain, ahead of the staff chain: it answers /portal/** and /api/portal/** only, keeps its
 * security context in its own session attribute (so a staff session is anonymous here and a customer session is
 * anonymous on staff pages) and lets in only a {@link CustomerPrincipal}: anything else signed in gets 403. CSRF,
 * the content security policy and the other headers are those of the staff chain.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    static final String CONTEXT_ATTRIBUTE = "INSURECRM_PORTAL_SECURITY_CONTEXT";
    static final String AUTHORITY = "PORTAL_CUSTOMER";
    private static final RequestMatcher API = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");

    @Bean
    PortalSessions portalSessions() {
        HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
        repository.setSpringSecurityContextKey(CONTEXT_ATTRIBUTE);
        return new PortalSessions(repository, AUTHORITY);
    }

    @Bean
    @Order(1)
    SecurityFilterChain portalSecurity(HttpSecurity http, PortalSessions sessions) throws Exception {
        http.securityMatcher("/portal/**", "/api/portal/**")
                .securityContext(context -> context.securityContextRepository(sessions.repository()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/portal/login", "/portal/login/**").permitAll()
                        .anyRequest().access((authentication, context) -> new AuthorizationDecision(
                                authentication.get() != null && authentication.get().getPrincipal() instanceof CustomerPrincipal)))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout"))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor((request, response, e) -> response.sendError(401), API)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/portal/login"), request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
