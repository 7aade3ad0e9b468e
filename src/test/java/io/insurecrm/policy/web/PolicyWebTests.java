package io.insurecrm.policy.web;

import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.CustomerSummary;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.policy.IssuePolicy;
import io.insurecrm.policy.PolicyManagement;
import io.insurecrm.policy.PolicyNotFound;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest({PolicyPages.class, PolicyApi.class})
class PolicyWebTests {

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired MockMvc mvc;
    @MockitoBean PolicyManagement policies;
    @MockitoBean CustomerManagement customers;
    @MockitoBean io.insurecrm.privacy.AccessAudit audit;

    static final RequestPostProcessor AGENT = user(new StaffPrincipal(1L, "agent", "x", "王代理", Role.AGENT, 5L, null, true));

    @BeforeEach
    void holder() {
        given(customers.summary(eq(42L), any())).willReturn(new CustomerSummary(42L, CustomerKind.INDIVIDUAL, "张三", null,
                null, null, null, "11", "北京", 5L, 6L));
        given(customers.householdOf(eq(42L), any())).willReturn(Optional.empty());
        given(policies.products()).willReturn(List.of());
    }

    @Test
    void theNewPolicyFormStartsTodayForAYear() throws Exception {
        mvc.perform(get("/policies/new").param("holderId", "42").with(AGENT))
                .andExpect(status().isOk())
                .andExpect(view().name("policy/form"))
                .andExpect(model().attribute("policyForm", org.hamcrest.Matchers.hasProperty("endDate",
                        org.hamcrest.Matchers.equalTo(java.time.LocalDate.of(2027, 11, 21)))))
                .andExpect(model().attribute("policyForm", org.hamcrest.Matchers.hasProperty("startDate",
                        org.hamcrest.Matchers.equalTo(java.time.LocalDate.of(2026, 11, 22)))));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder aFilledForm() {
        return aFilledForm("1000", "2027-11-30");
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder aFilledForm(String premium, String endDate) {
        return post("/policies").with(AGENT).with(csrf())
                .param("holderId", "42").param("insuredId", "42").param("productId", "3")
                .param("premium", premium).param("paymentFrequency", "ANNUAL").param("sumInsured", "300000")
                .param("startDate", "2026-12-01").param("endDate", endDate).param("channel", "AGENT");
    }

    @Test
    void aNegativePremiumIsAFieldErrorAndNothingIsIssued() throws Exception {
        mvc.perform(aFilledForm("-1", "2027-11-30"))
                .andExpect(status().isOk())
                .andExpect(view().name("policy/form"))
                .andExpect(model().attributeHasFieldErrorCode("policyForm", "premium", "PositiveOrZero"))
                .andExpect(model().errorCount(1));
        then(policies).should(never()).issue(any(), any());
    }

    @Test
    void anEndBeforeTheStartRejectedByTheFacadeIsShownBesideTheEndDate() throws Exception {
        given(policies.issue(any(), any())).willThrow(new FieldRuleViolation("endDate", "policy.endDate.beforeStart"));

        mvc.perform(aFilledForm("1000", "2026-11-01"))
                .andExpect(status().isOk())
                .andExpect(view().name("policy/form"))
                .andExpect(model().attributeHasFieldErrorCode("policyForm", "endDate", "policy.endDate.beforeStart"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("终止日期必须晚于起保日期")));
    }

    @Test
    void anUnknownProductIsShownBesideTheProduct() throws Exception {
        given(policies.issue(any(), any())).willThrow(new FieldRuleViolation("productId", "policy.product.unknown", 3L));

        mvc.perform(aFilledForm())
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("policyForm", "productId", "policy.product.unknown"));
    }

    @Test
    void aValidFormIssuesAndRedirectsToThePolicy() throws Exception {
        given(policies.issue(any(IssuePolicy.class), any())).willReturn(77L);

        mvc.perform(aFilledForm()).andExpect(redirectedUrl("/policies/77"));
    }

    @Test
    void theApiAnswersANegativePremiumWithAProblemNamingTheField() throws Exception {
        mvc.perform(post("/api/policies").with(AGENT).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"holderId":42,"productId":3,"premium":-5,"paymentFrequency":"ANNUAL","sumInsured":1000,
                         "startDate":"2026-12-01","endDate":"2027-11-30","channel":"AGENT"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:insurecrm:problem:invalid"))
                .andExpect(jsonPath("$.errors[0].field").value("premium"))
                .andExpect(jsonPath("$.errors[0].message").value("保费不能为负数"));
        then(policies).should(never()).issue(any(), any());
    }

    @Test
    void theApiAnswersAnUnknownProductWithAProblemNamingTheField() throws Exception {
        given(policies.issue(any(), any())).willThrow(new FieldRuleViolation("productId", "policy.product.unknown", 999L));

        mvc.perform(post("/api/policies").with(AGENT).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"holderId":42,"productId":999,"premium":5,"paymentFrequency":"ANNUAL","sumInsured":1000,
                         "startDate":"2026-12-01","endDate":"2027-11-30","channel":"AGENT"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("productId"));
    }

    @Test
    void theApiAnswersAMissingOrInvisiblePolicyWith404() throws Exception {
        given(policies.find(anyLong(), any())).willThrow(PolicyNotFound.withId(404L));

        mvc.perform(get("/api/policies/404").with(AGENT))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:insurecrm:problem:not-found"));
    }

    @Test
    void theApiAnswersAnIllegalTransitionWith409() throws Exception {
        org.mockito.BDDMockito.willThrow(new io.insurecrm.platform.web.IllegalStateTransitionException("Policy PL1",
                io.insurecrm.policy.PolicyStatus.EXPIRED, io.insurecrm.policy.PolicyStatus.LAPSED))
                .given(policies).lapse(eq(8L), any());

        mvc.perform(post("/api/policies/8/lapse").with(AGENT).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:insurecrm:problem:illegal-transition"));
    }

    @Test
    void thePolicyPageAnswersAnInvisiblePolicyWith404() throws Exception {
        given(policies.find(anyLong(), any())).willThrow(PolicyNotFound.withId(404L));

        mvc.perform(get("/policies/404").with(AGENT)).andExpect(status().isNotFound()).andExpect(view().name("error/404"));
    }

    private void aVisibleActivePolicy() {
        io.insurecrm.policy.Policy policy = io.insurecrm.policy.PolicyTestData.withId(io.insurecrm.policy.Policy.issue(io.insurecrm.policy.PolicyNumber.of(2026, 5), 42L, 42L, 3L,
                io.insurecrm.policy.Money.of("1234"), io.insurecrm.policy.PaymentFrequency.MONTHLY, io.insurecrm.policy.Money.of("300000"),
                java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2026, 12, 31), io.insurecrm.policy.SalesChannel.AGENT,
                5L, 6L, Instant.parse("2026-01-01T00:00:00Z")), 9L);
        given(policies.find(eq(9L), any())).willReturn(policy);
        given(policies.renewalChain(eq(9L), any())).willReturn(List.of());
        given(policies.product(3L)).willReturn(Optional.empty());
        given(customers.summaries(any(), any())).willReturn(java.util.Map.of(42L, new CustomerSummary(42L, CustomerKind.INDIVIDUAL,
                "张三", null, null, null, null, "11", "北京", 5L, 6L)));
    }

    @Test
    void thePolicyPageShowsMoneyInYuanAndTheActionsAnAgentMayTake() throws Exception {
        aVisibleActivePolicy();

        mvc.perform(get("/policies/9").with(AGENT))
                .andExpect(status().isOk())
                .andExpect(view().name("policy/detail"))
                .andExpect(model().attribute("actions", List.of("RENEW", "LAPSE", "CANCEL")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("¥1,234.00 / 月缴"),
                                org.hamcrest.Matchers.containsString("¥14,808.00"),
                                org.hamcrest.Matchers.containsString("href=\"/customers/42\""),
                                org.hamcrest.Matchers.containsString("id=\"lapse\""),
                                org.hamcrest.Matchers.containsString("action=\"/policies/9/lapse\""),
                                org.hamcrest.Matchers.containsString("hx-get=\"/claims/fragments/policy/9\""))));
    }

    @Test
    void anAnalystSeesThePolicyWithoutActions() throws Exception {
        aVisibleActivePolicy();

        mvc.perform(get("/policies/9").with(user(new StaffPrincipal(2L, "analyst", "x", "分析师", Role.ANALYST, null, null, true))))
                .andExpect(status().isOk())
                .andExpect(model().attribute("actions", List.of()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("id=\"lapse\""))));
    }
}
