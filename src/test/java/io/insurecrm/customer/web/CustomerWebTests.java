package io.insurecrm.customer.web;

import io.insurecrm.customer.CustomerForm;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.CustomerNotFound;
import io.insurecrm.customer.CustomerQuery;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.SecurityConfiguration;
import org.springframework.context.annotation.Import;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest({CustomerPages.class, CustomerApi.class})
@Import(SecurityConfiguration.class)
class CustomerWebTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CustomerManagement customers;
    /** The audit trail is the privacy module's; here it is only called (its recordings are mocks too). */
    @MockitoBean(answers = org.mockito.Answers.RETURNS_MOCKS)
    io.insurecrm.privacy.AccessAudit audit;
    @MockitoBean
    io.insurecrm.privacy.ConsentRegistry consents;

    @Test
    void theSearchPageShowsTheScopedResult() throws Exception {
        when(customers.search(any(CustomerQuery.class), eq(DataScope.ownBook(7L)))).thenReturn(new Paged<>(List.of(), 0, 20, 0));
        mvc.perform(get("/customers").param("q", "张").with(Staff.agent(7L)))
                .andExpect(status().isOk())
                .andExpect(view().name("customer/list"))
                .andExpect(model().attributeExists("result", "query", "regions"));
    }

    @Test
    void anInvalidIdNumberAndPhoneAreFieldErrorsAndNothingIsSaved() throws Exception {
        mvc.perform(post("/customers").with(Staff.agent(7L)).with(csrf())
                        .param("kind", "INDIVIDUAL").param("name", "张三").param("idNumber", "110105194912310021")
                        .param("phone", "12345").param("regionCode", "11").param("city", "北京"))
                .andExpect(status().isOk())
                .andExpect(view().name("customer/form"))
                .andExpect(model().attributeHasFieldErrors("form", "idNumber", "phone"));
        verify(customers, never()).register(any(), any());
    }

    @Test
    void aRuleBrokenInTheFacadeIsShownOnItsField() throws Exception {
        when(customers.register(any(CustomerForm.class), any())).thenThrow(new FieldRuleViolation("regionCode", "customer.regionCode.unknown", "99"));
        mvc.perform(post("/customers").with(Staff.agent(7L)).with(csrf())
                        .param("kind", "INDIVIDUAL").param("name", "张三").param("idNumber", "11010519491231002X")
                        .param("regionCode", "99").param("city", "北京"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "regionCode", "customer.regionCode.unknown"));
    }

    @Test
    void theEditFormShowsTheBankAccountMaskedAndNeverPutsTheNumberInTheForm() throws Exception {
        CustomerForm form = new CustomerForm();
        form.setKind(io.insurecrm.customer.CustomerKind.INDIVIDUAL);
        form.setName("张三");
        form.setIdNumber("11010519491231002X");
        form.setRegionCode("11");
        form.setCity("北京");
        form.withBank("中国工商银行", "6222 **** **** 1234");
        when(customers.editForm(eq(42L), any())).thenReturn(form);
        String html = mvc.perform(get("/customers/42/edit").with(Staff.agent(7L)))
                .andExpect(status().isOk()).andExpect(view().name("customer/form"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(html)
                .contains("value=\"中国工商银行\"", "placeholder=\"6222 **** **** 1234\"", "留空则保留原账号", "name=\"clearBankAccount\"")
                .containsPattern("<input type=\"text\" name=\"bankAccount\" id=\"bankAccount\" maxlength=\"40\"[^>]*>")
                .doesNotContainPattern("name=\"bankAccount\"[^>]*value=");
    }

    @Test
    void anInvalidBankAccountIsAnErrorOnItsFieldAndTheTypedNumberIsNotEchoed() throws Exception {
        org.mockito.Mockito.doThrow(new FieldRuleViolation("bankAccount", "customer.bankAccount.invalid"))
                .when(customers).update(eq(42L), any(CustomerForm.class), any());
        String html = mvc.perform(post("/customers/42").with(Staff.agent(7L)).with(csrf())
                        .param("kind", "INDIVIDUAL").param("name", "张三").param("regionCode", "11").param("city", "北京")
                        .param("bankAccount", "6222 0212 3456"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "bankAccount", "customer.bankAccount.invalid"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(html).contains("缴费银行账号无效：应为12–19位数字").doesNotContain("6222 0212 3456");
        // a bank name too long is refused by the form's own rule before the facade is called
        mvc.perform(post("/customers/42").with(Staff.agent(7L)).with(csrf())
                        .param("kind", "INDIVIDUAL").param("name", "张三").param("regionCode", "11").param("city", "北京")
                        .param("bankName", "银".repeat(61)))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("form", "bankName"));
        verify(customers, org.mockito.Mockito.times(1)).update(eq(42L), any(CustomerForm.class), any());
    }

    @Test
    void aValidFormRedirectsToTheNewCustomer() throws Exception {
        when(customers.register(any(CustomerForm.class), any())).thenReturn(42L);
        mvc.perform(post("/customers").with(Staff.agent(7L)).with(csrf())
                        .param("kind", "INDIVIDUAL").param("name", "张三").param("idNumber", "11010519491231002X")
                        .param("regionCode", "11").param("city", "北京"))
                .andExpect(status().is3xxRedirection())
                .andExpect(view().name("redirect:/customers/42"));
    }

    @Test
    void analystsCannotRegisterCustomers() throws Exception {
        mvc.perform(get("/customers/new").with(Staff.analyst())).andExpect(status().isForbidden());
    }

    @Test
    void theApiNamesEveryInvalidFieldInAProblem() throws Exception {
        mvc.perform(post("/api/customers").with(Staff.agent(7L)).contentType(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", "en")
                        .content("""
                                {"kind":"INDIVIDUAL","name":"张三","idNumber":"110105194912310021","phone":"123","regionCode":"11","city":"北京"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("idNumber")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("phone")))
                .andExpect(jsonPath("$.errors[?(@.field=='idNumber')].message", hasItem(containsString("check character"))));
        verify(customers, never()).register(any(), any());
    }

    @Test
    void aMissingCustomerIsA404ProblemOnTheApiAndA404PageInTheBrowser() throws Exception {
        when(customers.summary(anyLong(), any())).thenThrow(CustomerNotFound.withId(99));
        when(customers.find(anyLong(), any())).thenThrow(CustomerNotFound.withId(99));
        when(customers.editForm(anyLong(), any())).thenThrow(CustomerNotFound.withId(99));
        mvc.perform(get("/api/customers/99").with(Staff.agent(7L)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
        mvc.perform(get("/customers/99/edit").with(Staff.agent(7L)))
                .andExpect(status().isNotFound())
                .andExpect(view().name("error/404"));
    }

    @Test
    void anUnknownEnumValueIsA400ProblemNamingTheFieldNotA500() throws Exception {
        mvc.perform(post("/api/customers").with(Staff.agent(7L)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"kind":"ALIEN","name":"张三","regionCode":"11","city":"北京"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));
        mvc.perform(post("/api/customers").with(Staff.agent(7L)).contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Unreadable request"));
        verify(customers, never()).register(any(), any());
    }
}
