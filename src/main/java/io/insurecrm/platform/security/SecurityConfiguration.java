package io.insurecrm.platform.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    private static final RequestMatcher API = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");

    /*
     * Role rights by URL, checked before anything is bound or validated (so a caller without the right learns nothing
     * from validation errors); the facades and controllers repeat them with @PreAuthorize. The full matrix of
     * endpoint x role lives in src/test/resources/authorisation-matrix.csv and AuthorisationMatrixTests holds every
     * endpoint to it. Analysts work on de-identified figures only: no page or API that shows a customer, policy or
     * claim in the clear (docs/privacy.md).
     */
    private static final String[] READERS = {"AGENT", "ADVISOR", "BRANCH_MANAGER", "COMPLIANCE", "ADMIN"};
    private static final String[] WRITERS = {"AGENT", "ADVISOR", "BRANCH_MANAGER", "ADMIN"};
    private static final String[] CLAIM_HANDLERS = {"BRANCH_MANAGER", "ADMIN"};
    private static final String[] AUDITORS = {"COMPLIANCE", "ADMIN"};
    private static final String[] PERSONAL_DATA = {"/customers", "/customers/**", "/api/customers", "/api/customers/**",
            "/policies", "/policies/**", "/api/policies", "/api/policies/**", "/claims", "/claims/**", "/api/claims",
            "/api/claims/**"};

    @Bean
    SecurityFilterChain staffSecurity(HttpSecurity http, org.springframework.beans.factory.ObjectProvider<BearerTokens> bearerTokens)
            throws Exception {
        // integrations: Authorization: Bearer <token> on /api/**, stateless, limited to the token's scopes (docs/privacy.md)
        bearerTokens.ifAvailable(tokens -> http.addFilterBefore(new BearerTokenFilter(tokens),
                org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class));
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        .requestMatchers("/audit", "/audit.csv", "/audit/**", "/api/audit/**").hasAnyRole(AUDITORS)
                        // data-subject requests and the copies of a customer's data they produce (docs/privacy.md)
                        .requestMatchers("/privacy/tokens", "/privacy/tokens/**", "/api/privacy/tokens", "/api/privacy/tokens/**").hasRole("ADMIN")
                        .requestMatchers("/privacy/**", "/api/privacy/**").hasAnyRole(AUDITORS)
                        .requestMatchers("/api/admin/encryption", "/api/admin/encryption/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/imports/profiles/**").hasRole("ADMIN")
                        .requestMatchers("/imports", "/imports/**", "/api/imports", "/api/imports/**").hasAnyRole("BRANCH_MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/coil/load", "/api/coil/load").hasRole("ADMIN")
                        // data governance: merging customers is for administrators; the quality report holds no personal data
                        .requestMatchers("/dedupe", "/dedupe/**", "/api/dedupe", "/api/dedupe/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/quality/**", "/api/quality/**").hasRole("ADMIN")
                        .requestMatchers("/quality", "/quality.csv", "/api/quality", "/api/quality/**")
                        .hasAnyRole("ANALYST", "COMPLIANCE", "ADMIN")
                        // the pseudonymised, k-anonymous customer list (docs/privacy.md section 7): analysts, and compliance
                        // and admins to check what analysts get; staff serving customers see them by name in their scope
                        .requestMatchers("/analytics/customers", "/analytics/customers.csv", "/api/analytics/customers")
                        .hasAnyRole("ANALYST", "COMPLIANCE", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/metrics/snapshots", "/api/metrics/contracts-per-customer/snapshots")
                        .hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/segments/rules/**", "/api/segments/rules/**").hasAnyRole("ANALYST", "ADMIN")
                        // what-if previews run in the background: their state is read by the analyst or admin who asked
                        .requestMatchers(HttpMethod.GET, "/segments/rules/*/preview/*", "/api/segments/rules/*/preview/*",
                                "/api/segments/tag-rules/preview/*").hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/segments/clusters/runs", "/api/segments/clusters/runs").hasAnyRole("ANALYST", "ADMIN")
                        // cross-sell: rules and models are changed by analysts; customers' gaps, questionnaires and
                        // target lists are personal data (docs/cross-sell.md)
                        .requestMatchers(HttpMethod.POST, "/crosssell/rules", "/crosssell/incentives", "/crosssell/models/training",
                                "/api/crosssell/models/training").hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/crosssell/rules", "/api/crosssell/incentives").hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/crosssell/questionnaires", "/api/crosssell/questionnaires")
                        .hasAnyRole(WRITERS)
                        .requestMatchers("/crosssell/customers/**", "/api/crosssell/customers/**", "/crosssell/questionnaires/**",
                                "/api/crosssell/questionnaires/**", "/crosssell/targets", "/crosssell/targets.csv",
                                "/api/crosssell/targets").hasAnyRole(READERS)
                        // one customer's segments are personal data: not for analysts (docs/privacy.md)
                        .requestMatchers("/api/segments/customers/**").hasAnyRole(READERS)
                        // loyalty (docs/loyalty.md): rules and catalogue edited by analysts and admins; a member is personal data
                        .requestMatchers(HttpMethod.POST, "/loyalty/rules", "/loyalty/benefits", "/api/loyalty/rules").hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/loyalty/benefits/**").hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/loyalty/members/*/override", "/loyalty/members/*/override/end",
                                "/loyalty/members/*/points/adjustments", "/api/loyalty/members/*/override",
                                "/api/loyalty/members/*/points/adjustments").hasAnyRole("BRANCH_MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/loyalty/members/**", "/api/loyalty/members/**").hasAnyRole(WRITERS)
                        .requestMatchers("/loyalty/members/**", "/api/loyalty/members/**", "/api/loyalty/renewal-previews",
                                "/api/loyalty/policies/**", "/api/loyalty/claims/**").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.POST, "/claims/*/assessment", "/claims/*/approval", "/claims/*/payment",
                                "/claims/*/rejection", "/api/claims/*/assessment", "/api/claims/*/approval",
                                "/api/claims/*/payment", "/api/claims/*/rejection").hasAnyRole(CLAIM_HANDLERS)
                        // engagement campaigns (docs/engagement.md): run by marketing staff (branch managers) and admins; their
                        // definitions and results hold no personal data, so analysts and compliance read them; the preview's
                        // sample of rendered messages is personal data
                        .requestMatchers(HttpMethod.GET, "/engagement/campaigns", "/engagement/campaigns/*",
                                "/engagement/campaigns/*/results.csv", "/api/engagement/campaigns", "/api/engagement/campaigns/*",
                                "/api/engagement/campaigns/*/results").hasAnyRole("BRANCH_MANAGER", "ANALYST", "COMPLIANCE", "ADMIN")
                        .requestMatchers("/engagement/campaigns", "/engagement/campaigns/**", "/api/engagement/campaigns",
                                "/api/engagement/campaigns/**").hasAnyRole("BRANCH_MANAGER", "ADMIN")
                        // engagement (docs/engagement.md): rules and templates are the admin's; tasks and opt-outs the servicing staff's
                        .requestMatchers(HttpMethod.POST, "/engagement/triggers", "/engagement/templates", "/api/engagement/scan").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/engagement/triggers/**", "/api/engagement/templates/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/engagement/**", "/api/engagement/**").hasAnyRole(WRITERS)
                        .requestMatchers("/engagement", "/engagement/**", "/api/engagement", "/api/engagement/**").hasAnyRole(READERS)
                        // bulk exports of personal data are for the staff who serve the customers
                        .requestMatchers(HttpMethod.GET, "/customers.csv", "/customers/new", "/customers/*/edit",
                                "/policies/new", "/claims/new").hasAnyRole(WRITERS)
                        .requestMatchers(HttpMethod.POST, PERSONAL_DATA).hasAnyRole(WRITERS)
                        .requestMatchers(HttpMethod.PUT, PERSONAL_DATA).hasAnyRole(WRITERS)
                        .requestMatchers(HttpMethod.PATCH, PERSONAL_DATA).hasAnyRole(WRITERS)
                        .requestMatchers(HttpMethod.DELETE, PERSONAL_DATA).hasAnyRole(WRITERS)
                        .requestMatchers(PERSONAL_DATA).hasAnyRole(READERS)
                        // the portal's staff side (docs/portal.md); the portal itself has its own chain
                        .requestMatchers("/portal-admin/faq").hasAnyRole("BRANCH_MANAGER", "ADMIN")
                        .requestMatchers("/portal-admin/callbacks").hasAnyRole(READERS)
                        // staff accounts (organisation.web): administrators only, checked before any parameter is read
                        .requestMatchers("/admin/**", "/api/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .httpBasic(Customizer.withDefaults())
                // the API is for integrations with HTTP basic (and later tokens): no session, no CSRF cookie dance
                .csrf(csrf -> csrf.ignoringRequestMatchers(API))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                        (request, response, e) -> response.sendError(401), API))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
