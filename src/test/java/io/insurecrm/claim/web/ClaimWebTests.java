package io.insurecrm.claim.web;

import io.insurecrm.claim.Claim;
import io.insurecrm.claim.ClaimManagement;
import io.insurecrm.claim.ClaimNotFound;
import io.insurecrm.claim.ClaimNumber;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.policy.Money;
import io.insurecrm.policy.PaymentFrequency;
import io.insurecrm.policy.Policy;
import io.insurecrm.policy.PolicyManagement;
import io.insurecrm.policy.PolicyNumber;
import io.insurecrm.policy.SalesChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest({ClaimPages.class, ClaimApi.class})
class ClaimWebTests {

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired MockMvc mvc;
    @MockitoBean ClaimManagement claims;
    @MockitoBean PolicyManagement policies;
    @MockitoBean CustomerManagement customers;
    @MockitoBean io.insurecrm.privacy.AccessAudit audit;

    static final RequestPostProcessor MANAGER = user(new StaffPrincipal(3L, "manager", "x", "李经理", Role.BRANCH_MANAGER, null, 6L, true));
    static final RequestPostProcessor AGENT = user(new StaffPrincipal(1L, "agent", "x", "王代理", Role.AGENT, 5L, null, true));

    @BeforeEach
    void aPolicyAndAClaim() {
        Policy policy = io.insurecrm.policy.PolicyTestData.withId(Policy.issue(PolicyNumber.of(2026, 5), 42L, 42L, 3L, Money.of("1000"), PaymentFrequency.ANNUAL,
                Money.of("300000"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), SalesChannel.AGENT, 5L, 6L,
                Instant.parse("2026-01-01T00:00:00Z")), 10L);
        given(policies.find(anyLong(), any())).willReturn(policy);
        given(customers.summaries(any(), any())).willReturn(Map.of());
        Claim claim = io.insurecrm.claim.ClaimTestData.withId(Claim.report(ClaimNumber.of(2026, 9), 10L, 42L, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2),
                Money.of("8000"), "水管爆裂", Instant.parse("2026-11-02T01:00:00Z")), 9L);
        given(claims.find(eq(9L), any())).willReturn(claim);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder aReport(String amount) {
        return post("/claims").with(AGENT).with(csrf()).param("policyId", "10").param("claimantId", "42")
                .param("incidentDate", "2026-11-01").param("reportedOn", "2026-11-02").param("amountClaimed", amount);
    }

    @Test
    void aNegativeAmountIsAFieldErrorAndNothingIsReported() throws Exception {
        mvc.perform(aReport("-5"))
                .andExpect(status().isOk())
                .andExpect(view().name("claim/form"))
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "amountClaimed", "Positive"));
        then(claims).should(never()).report(any(), any());
    }

    @Test
    void anIncidentOutsideTheTermIsShownBesideTheIncidentDate() throws Exception {
        given(claims.report(any(), any())).willThrow(new FieldRuleViolation("incidentDate", "claim.incidentDate.outsideTerm",
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));

        mvc.perform(aReport("100"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "incidentDate", "claim.incidentDate.outsideTerm"))
                .andExpect(content().string(containsString("出险日期须在保障期间内（2026-01-01 至 2026-12-31）")));
    }

    @Test
    void aValidReportRedirectsToTheClaim() throws Exception {
        given(claims.report(any(), any())).willReturn(9L);
        mvc.perform(aReport("100")).andExpect(redirectedUrl("/claims/9"));
    }

    @Test
    void theClaimPageShowsProgressAndTheStepsAManagerMayTake() throws Exception {
        mvc.perform(get("/claims/9").with(MANAGER))
                .andExpect(status().isOk())
                .andExpect(view().name("claim/detail"))
                .andExpect(model().attribute("actions", List.of("ASSESS", "REJECT")))
                .andExpect(content().string(allOf(containsString("¥8,000.00"), containsString("2026-11-02 09:00"),
                        containsString("id=\"assess\""), containsString("查勘定损中"),
                        containsString("href=\"/policies/10\""))));
    }

    @Test
    void anAgentSeesTheClaimButNoSteps() throws Exception {
        mvc.perform(get("/claims/9").with(AGENT))
                .andExpect(status().isOk())
                .andExpect(model().attribute("actions", List.of()))
                .andExpect(content().string(not(containsString("id=\"assess\""))));
    }

    @Test
    void aRejectionWithoutReasonIsAFieldErrorOnTheClaimPage() throws Exception {
        mvc.perform(post("/claims/9/rejection").with(MANAGER).with(csrf()).param("reason", " "))
                .andExpect(status().isOk())
                .andExpect(view().name("claim/detail"))
                .andExpect(model().attributeHasFieldErrors("rejectionForm", "reason"));
        then(claims).should(never()).reject(anyLong(), any(), any());
    }

    @Test
    void theApiAnswersANegativeAmountWithAProblemNamingTheField() throws Exception {
        mvc.perform(post("/api/claims").with(AGENT).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"policyId":10,"incidentDate":"2026-11-01","amountClaimed":-1}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("amountClaimed"));
        then(claims).should(never()).report(any(), any());
    }

    @Test
    void theApiAnswersAnInvisibleClaimWith404() throws Exception {
        given(claims.find(eq(404L), any())).willThrow(ClaimNotFound.withId(404L));

        mvc.perform(get("/api/claims/404").with(AGENT))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:insurecrm:problem:not-found"));
    }

    @Test
    void theApiShowsAClaimWithItsHistory() throws Exception {
        mvc.perform(get("/api/claims/9").with(AGENT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.claimNumber").value("CL20260000000009"))
                .andExpect(jsonPath("$.history[0].status").value("REPORTED"));
    }
}
