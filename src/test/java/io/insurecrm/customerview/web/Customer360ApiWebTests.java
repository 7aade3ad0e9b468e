package io.insurecrm.customerview.web;

import io.insurecrm.platform.security.SecurityConfiguration;
import org.springframework.context.annotation.Import;
import io.insurecrm.customerview.CustomerView;
import io.insurecrm.platform.security.DataScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.insurecrm.fixtures.Staff;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(Customer360Api.class)
@Import(SecurityConfiguration.class)
class Customer360ApiWebTests {

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

    @Test
    void returnsTheReadModelAsJson() throws Exception {
        given(customerView.of(42L, DataScope.ownBook(7L))).willReturn(Sample360.zhangWei());

        mvc.perform(get("/api/customers/42/360").with(Staff.agent(7L)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.profile.maskedIdNumber").value("330***********1234"))
                .andExpect(jsonPath("$.profile.idNumber").doesNotExist())
                .andExpect(jsonPath("$.policyGroups[0].status").value("ACTIVE"))
                .andExpect(jsonPath("$.policyGroups[0].policies[0].annualPremium").value(860.00))
                .andExpect(jsonPath("$.household.members[2].visible").value(false))
                .andExpect(jsonPath("$.household.members[2].name").doesNotExist())
                .andExpect(jsonPath("$.claims[0].steps[1].current").value(true))
                .andExpect(jsonPath("$.contracts.layers[0].layer").value("BASIC"))
                .andExpect(jsonPath("$.interactions.total").value(11));
    }

    @Test
    void aCustomerOutsideTheScopeIsA404Problem() throws Exception {
        given(customerView.shownAs(43L, DataScope.ownBook(7L))).willReturn(java.util.Optional.empty());

        mvc.perform(get("/api/customers/43/360").with(Staff.agent(7L)))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:insurecrm:problem:not-found"))
                .andExpect(jsonPath("$.status").value(404));
        org.mockito.BDDMockito.then(customerView).should(org.mockito.Mockito.never())
                .of(org.mockito.ArgumentMatchers.anyLong(), org.mockito.ArgumentMatchers.any());
        org.mockito.BDDMockito.then(audit).shouldHaveNoInteractions();
    }

    @Test
    void theViewIsRecordedWhileTheDataIsReadAndCommittedBeforeTheAnswer() throws Exception {
        io.insurecrm.privacy.AccessAudit.Recording recording = org.mockito.Mockito.mock(io.insurecrm.privacy.AccessAudit.Recording.class);
        given(audit.begin(io.insurecrm.privacy.AuditAction.VIEW_CUSTOMER_API, 42L, CustomerPage.FIELDS_SHOWN, null))
                .willReturn(recording);
        given(customerView.of(42L, DataScope.ownBook(7L))).willReturn(Sample360.zhangWei());

        mvc.perform(get("/api/customers/42/360").with(Staff.agent(7L))).andExpect(status().isOk());

        org.mockito.InOrder order = org.mockito.Mockito.inOrder(audit, customerView, recording);
        order.verify(audit).begin(io.insurecrm.privacy.AuditAction.VIEW_CUSTOMER_API, 42L, CustomerPage.FIELDS_SHOWN, null);
        order.verify(customerView).of(42L, DataScope.ownBook(7L));
        order.verify(recording).await();
    }

    @Test
    void aFailedRecordIsAFailedAnswerNotAnUnauditedOne() throws Exception {
        io.insurecrm.privacy.AccessAudit.Recording recording = org.mockito.Mockito.mock(io.insurecrm.privacy.AccessAudit.Recording.class);
        given(recording.await()).willThrow(new IllegalStateException("the access could not be recorded within 30 s"));
        given(audit.begin(io.insurecrm.privacy.AuditAction.VIEW_CUSTOMER_API, 42L, CustomerPage.FIELDS_SHOWN, null))
                .willReturn(recording);
        given(customerView.of(42L, DataScope.ownBook(7L))).willReturn(Sample360.zhangWei());

        mvc.perform(get("/api/customers/42/360").with(Staff.agent(7L)))
                .andExpect(status().is5xxServerError())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("330***********1234"))));
    }
}
