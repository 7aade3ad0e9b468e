package io.insurecrm.customerview.web;

import io.insurecrm.platform.security.SecurityConfiguration;
import org.springframework.context.annotation.Import;
import io.insurecrm.customerview.Customer360;
import io.insurecrm.customerview.CustomerView;
import io.insurecrm.interaction.InteractionForm;
import io.insurecrm.platform.security.DataScope;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.insurecrm.fixtures.Staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(CustomerPage.class)
@Import({SecurityConfiguration.class, CustomerPageWebTests.FixedClock.class})
class CustomerPageWebTests {

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CustomerView customerView;
    /** The audit trail is the privacy module's; here it is only called (its recordings are mocks too). */
    @MockitoBean(answers = org.mockito.Answers.RETURNS_MOCKS)
    io.insurecrm.privacy.AccessAudit audit;

    @org.junit.jupiter.api.BeforeEach
    void everyCustomerIsShownAsHimself() {
        given(customerView.shownAs(org.mockito.ArgumentMatchers.anyLong(), org.mockito.ArgumentMatchers.any()))
                .willAnswer(call -> java.util.Optional.of(call.getArgument(0, Long.class)));
    }
    @MockitoBean
    io.insurecrm.privacy.ConsentRegistry consents;

    @Test
    void showsTheCustomer360OfACustomerInTheAgentsBook() throws Exception {
        Customer360 c360 = Sample360.zhangWei();
        given(customerView.of(42L, DataScope.ownBook(7L))).willReturn(c360);

        mvc.perform(get("/customers/42").with(Staff.agent(7L)))
                .andExpect(status().isOk())
                .andExpect(view().name("customerview/customer360"))
                .andExpect(model().attribute("c360", c360))
                .andExpect(model().attribute("profile", c360.profile()))
                .andExpect(model().attribute("interactions", c360.interactions()))
                .andExpect(model().attribute("interactionForm", instanceOf(InteractionForm.class)))
                .andExpect(content().string(allOf(
                        containsString("330***********1234"),
                        containsString("台风沿海"),
                        containsString("¥860.00"),
                        containsString("续自 P-2025-100"),
                        containsString("不在您的客户范围内"),
                        containsString("href=\"/policies/101\""),
                        containsString("href=\"/claims/501\""),
                        containsString("href=\"/policies/new?holderId=42\""),
                        containsString("href=\"/customers/42/edit\""),
                        containsString("hx-post=\"/customers/42/interactions\""),
                        containsString("加载更多（还有 1 条）"),
                        containsString("10,000 ≤ 年缴保费 12,000 &lt; 100,000"),
                        containsString("24 个月内续保 3 次，无断保"),
                        // a rule tag's reason names the dimension, the segment and the lacking lines, not their codes
                        containsString("依据生命周期：中年（家中无子女或父母），且没有有效的医疗险、重疾险保单"))))
                .andExpect(content().string(not(containsString("13800000000 13800000000"))));
    }

    /**
     * Masking by role follows the ID number: every role that may read the customer sees the bank and the stored mask
     * (never the number: the page is built from the mask and nothing decrypts); only the roles that serve him get the
     * reveal, which asks for a reason. Analysts are refused the page.
     */
    @Test
    void theBankAccountIsMaskedForEveryReaderAndOnlyServingRolesGetTheRevealWithAReason() throws Exception {
        given(customerView.of(org.mockito.ArgumentMatchers.eq(42L), org.mockito.ArgumentMatchers.any())).willReturn(Sample360.zhangWei());
        given(consents.current(org.mockito.ArgumentMatchers.eq(42L), org.mockito.ArgumentMatchers.any()))
                .willReturn(new io.insurecrm.privacy.ConsentState(42L, java.util.Map.of(), java.util.List.of()));
        record Reader(io.insurecrm.platform.security.Role role, Long agentId, Long branchId, boolean reveals) {
        }
        for (Reader reader : java.util.List.of(
                new Reader(io.insurecrm.platform.security.Role.AGENT, 7L, 3L, true),
                new Reader(io.insurecrm.platform.security.Role.ADVISOR, 7L, 3L, true),
                new Reader(io.insurecrm.platform.security.Role.BRANCH_MANAGER, null, 3L, true),
                new Reader(io.insurecrm.platform.security.Role.ADMIN, null, null, true),
                new Reader(io.insurecrm.platform.security.Role.COMPLIANCE, null, null, false))) {
            String html = mvc.perform(get("/customers/42").with(Staff.as(reader.role(), reader.agentId(), reader.branchId())))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(html).as(reader.role().name()).contains("6222 **** **** 1234", "工商银行", "缴费银行账号");
            assertThat(html.contains("id=\"reveal-bank-account\"")).as(reader.role() + " gets the reveal").isEqualTo(reader.reveals());
            if (reader.reveals()) {
                assertThat(html).contains("action=\"/customers/42/bank-account/reveal\"").contains("name=\"reason\"");
            }
        }
        mvc.perform(get("/customers/42").with(Staff.analyst())).andExpect(status().isForbidden());
    }

    @Test
    void speaksEnglishOnRequest() throws Exception {
        given(customerView.of(42L, DataScope.ownBook(7L))).willReturn(Sample360.zhangWei());

        mvc.perform(get("/customers/42").param("lang", "en").with(Staff.agent(7L)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Typhoon coast"), containsString("outside your book"),
                        containsString("Million medical"), containsString("renews P-2025-100"),
                        containsString("3 renewals in 24 months, no lapse"),
                        containsString("Life stage: Middle-aged, no dependants at home; no active Medical, Critical illness policy"))));
    }

    @Test
    void aCustomerOutsideTheScopeIsTheFriendly404Page() throws Exception {
        given(customerView.shownAs(43L, DataScope.ownBook(7L))).willReturn(java.util.Optional.empty());

        mvc.perform(get("/customers/43").with(Staff.agent(7L)))
                .andExpect(status().isNotFound())
                .andExpect(view().name("error/404"))
                .andExpect(content().string(allOf(containsString("记录不存在，或您无权查看。"), not(containsString("Exception")))));
        org.mockito.BDDMockito.then(audit).shouldHaveNoInteractions();
    }

    @Test
    void aMergedCustomerRedirectsToHisSurvivorBeforeAnythingIsReadOrRecorded() throws Exception {
        given(customerView.shownAs(43L, DataScope.ownBook(7L))).willReturn(java.util.Optional.of(44L));

        mvc.perform(get("/customers/43").with(Staff.agent(7L)))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/customers/44?mergedFrom=43"));
        org.mockito.BDDMockito.then(audit).shouldHaveNoInteractions();
    }
}
