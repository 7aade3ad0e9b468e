package io.insurecrm.customerview.web;

import io.insurecrm.platform.security.SecurityConfiguration;
import org.springframework.context.annotation.Import;
import io.insurecrm.customer.CustomerNotFound;
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
    /** The audit trail is the privacy module's; here it is only called. */
    @MockitoBean
    io.insurecrm.privacy.AccessAudit audit;

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
        given(customerView.of(43L, DataScope.ownBook(7L))).willThrow(CustomerNotFound.withId(43L));

        mvc.perform(get("/api/customers/43/360").with(Staff.agent(7L)))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:insurecrm:problem:not-found"))
                .andExpect(jsonPath("$.status").value(404));
    }
}
