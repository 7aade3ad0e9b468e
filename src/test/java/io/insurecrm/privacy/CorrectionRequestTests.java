package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.personaldata.InvalidFields;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** CORRECTION requests applied through the request (docs/privacy.md section 5): facade, API and page. */
@SpringBootTest
@AutoConfigureMockMvc
class CorrectionRequestTests {

    @Autowired
    DataSubjectRequests requests;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    long customer;
    long corporate;
    String name;

    @BeforeEach
    void aVerifiedCorrectionRequest() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        name = BookFixtures.unique("更正客户");
        customer = book.individual(name, agent);
        corporate = book.corporate(BookFixtures.unique("更正公司"), "33", agent);
        var staff = Staff.principal(Role.COMPLIANCE, null, null);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(staff, null, staff.getAuthorities()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private long verified(long customerId, DsrType type) {
        long id = requests.open(customerId, type, LocalDate.now(), null, "客户要求更正").id();
        requests.verify(id, "核对身份证", null);
        return id;
    }

    private Map<String, Object> customerRow(long id) {
        return jdbc.sql("select name, phone, city, occupation, income_band, region_code, updated_at from customer where id = :id")
                .param("id", id).query().singleRow();
    }

    private Map<String, Object> requestRow(long id) {
        return jdbc.sql("select status, outcome, closed_at, version from dsr_request where id = :id").param("id", id).query().singleRow();
    }

    @Test
    void aCorrectionUpdatesTheCustomerAndCompletesTheRequestInOneAuditedStep() {
        long id = verified(customer, DsrType.CORRECTION);
        var form = requests.correctionForm(id, java.util.Locale.SIMPLIFIED_CHINESE, false);
        assertThat(form.values()).containsOnlyKeys("name", "phone", "regionCode", "city", "occupation", "incomeBand", "maritalStatus")
                .containsEntry("name", name).containsEntry("city", "杭州").containsEntry("occupation", "工程师");
        assertThat(form.options().get("incomeBand")).extracting(o -> o.value()).contains("FROM_150K_TO_300K");

        DsrRequest done = requests.correct(id, Map.of("name", "张更正", "phone", "13800138000", "city", "宁波",
                "occupation", "", "incomeBand", "FROM_150K_TO_300K"), "客户提交户口本");

        assertThat(done.status()).isEqualTo(DsrStatus.COMPLETED);
        assertThat(done.outcome()).isEqualTo("客户提交户口本 (corrected: name, phone, city, occupation)");
        assertThat(done.corrected()).containsExactly(
                new CorrectedField("name", name.charAt(0) + "*".repeat(name.length() - 1), "张**"),
                new CorrectedField("phone", "139****5678", "138****8000"),
                new CorrectedField("city", "杭州", "宁波"),
                new CorrectedField("occupation", "工程师", null));
        Map<String, Object> row = customerRow(customer);
        assertThat(row).containsEntry("name", "张更正").containsEntry("phone", "13800138000").containsEntry("city", "宁波")
                .containsEntry("income_band", "FROM_150K_TO_300K");
        assertThat(row.get("occupation")).isNull();
        assertThat(jdbc.sql("select reason from audit_event where action = 'CORRECTION' and customer_id = :c").param("c", customer)
                .query(String.class).single())
                .isEqualTo("request " + id + ": name " + name.charAt(0) + "*".repeat(name.length() - 1)
                        + "→张**; phone 139****5678→138****8000; city 杭州→宁波; occupation 工程师→∅")
                .doesNotContain("张更正").doesNotContain("13800138000");
        assertThat(jdbc.sql("select fields from audit_event where action = 'CORRECTION' and customer_id = :c").param("c", customer)
                .query(String.class).single()).contains("name").contains("occupation");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'VIEW_CUSTOMER' and customer_id = :c and reason = :r")
                .param("c", customer).param("r", "correction form of request " + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anInvalidCorrectionLeavesTheCustomerAndTheRequestUnchanged() {
        long id = verified(customer, DsrType.CORRECTION);
        Map<String, Object> customerBefore = customerRow(customer);
        Map<String, Object> requestBefore = requestRow(id);

        assertThatThrownBy(() -> requests.correct(id, Map.of("name", " ", "phone", "12345", "city", "宁波"), null))
                .isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(e.result().getFieldErrors())
                        .extracting(f -> f.getField()).containsExactlyInAnyOrder("name", "phone"));
        assertThatThrownBy(() -> requests.correct(id, Map.of("regionCode", "99"), null))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.field()).isEqualTo("regionCode"));
        assertThatThrownBy(() -> requests.correct(id, Map.of("incomeBand", "RICH"), null))
                .isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(e.result().getFieldErrors())
                        .extracting(f -> f.getField()).containsExactly("incomeBand"));
        assertThatThrownBy(() -> requests.correct(id, Map.of("idNumber", "110101199001011234"), null))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.field()).isEqualTo("idNumber"));
        assertThatThrownBy(() -> requests.correct(id, Map.of("city", "杭州"), null))
                .as("the same value changes nothing")
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.messageKey()).isEqualTo("rights.correction.nothingChanged"));

        assertThat(customerRow(customer)).isEqualTo(customerBefore);
        assertThat(requestRow(id)).isEqualTo(requestBefore);
        assertThat(jdbc.sql("select count(*) from dsr_correction where request_id = :id").param("id", id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'CORRECTION' and customer_id = :c").param("c", customer)
                .query(Long.class).single()).isZero();
    }

    @Test
    void onlyAVerifiedCorrectionRequestCanBeApplied() {
        long received = requests.open(customer, DsrType.CORRECTION, LocalDate.now(), null, null).id();
        assertThatThrownBy(() -> requests.correct(received, Map.of("city", "宁波"), null))
                .isInstanceOfSatisfying(DataSubjectRequestRefused.class, e -> assertThat(e.messageKey()).isEqualTo("rights.request.transition"));
        long access = verified(customer, DsrType.ACCESS);
        assertThatThrownBy(() -> requests.correct(access, Map.of("city", "宁波"), null))
                .isInstanceOfSatisfying(DataSubjectRequestRefused.class, e -> assertThat(e.messageKey()).isEqualTo("rights.correction.notCorrection"));
        assertThat(customerRow(customer)).containsEntry("city", "杭州");
    }

    @Test
    void aCompanyIsCorrectedOnItsOwnFields() {
        long id = verified(corporate, DsrType.CORRECTION);
        assertThat(requests.correctionForm(id, java.util.Locale.ENGLISH, true).values())
                .containsOnlyKeys("name", "phone", "regionCode", "city", "industry", "companySize");
        assertThatThrownBy(() -> requests.correct(id, Map.of("occupation", "教师"), null))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.field()).isEqualTo("occupation"));
        DsrRequest done = requests.correct(id, Map.of("industry", "冷链物流"), null);
        assertThat(done.corrected()).extracting(CorrectedField::field).containsExactly("industry");
    }

    @Test
    void theApiAppliesACorrectionAndNamesTheFieldsItRefuses() throws Exception {
        long id = verified(customer, DsrType.CORRECTION);
        SecurityContextHolder.clearContext();
        mvc.perform(get("/api/privacy/requests/{id}/correction", id).with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.values.name").value(name))
                .andExpect(jsonPath("$.kind").value("INDIVIDUAL"));
        Map<String, Object> before = customerRow(customer);
        mvc.perform(post("/api/privacy/requests/{id}/correction", id).with(Staff.as(Role.COMPLIANCE, null, null))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"values\": {\"phone\": \"abc\", \"city\": \"\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("phone", "city")));
        assertThat(customerRow(customer)).isEqualTo(before);
        assertThat(requestRow(id)).containsEntry("status", "VERIFIED");
        mvc.perform(post("/api/privacy/requests/{id}/correction", id).with(Staff.as(Role.AGENT, 1L, null))
                .contentType(MediaType.APPLICATION_JSON).content("{\"values\": {\"city\": \"宁波\"}}")).andExpect(status().isForbidden());

        mvc.perform(post("/api/privacy/requests/{id}/correction", id).with(Staff.as(Role.COMPLIANCE, null, null))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"values\": {\"city\": \"温州\"}, \"note\": \"电话核实\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.corrected[0].field").value("city"))
                .andExpect(jsonPath("$.corrected[0].before").value("杭州"))
                .andExpect(jsonPath("$.corrected[0].after").value("温州"));
        assertThat(customerRow(customer)).containsEntry("city", "温州");
        mvc.perform(post("/api/privacy/requests/{id}/correction", id).with(Staff.as(Role.COMPLIANCE, null, null))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"values\": {\"city\": \"台州\"}}"))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/privacy/requests/{id}", id).with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(jsonPath("$.corrected[0].after").value("温州"));
    }

    @Test
    void thePageShowsTheFormAppliesItAndShowsTheFieldErrorsOfARefusal() throws Exception {
        long id = verified(customer, DsrType.CORRECTION);
        SecurityContextHolder.clearContext();
        String page = mvc.perform(get("/privacy/requests/{id}", id).with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"correction-form\"").contains("id=\"correction-name\"").contains("value=\"" + name + "\"")
                .contains("id=\"correction-incomeBand\"");

        String refused = mvc.perform(post("/privacy/requests/{id}/correction", id).with(Staff.as(Role.COMPLIANCE, null, null)).with(csrf())
                        .param("name", "新名字").param("phone", "999").param("city", "宁波"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("id=\"correction-error-phone\"").doesNotContain("id=\"correction-error-name\"")
                .contains("value=\"999\"").contains("更正未执行");
        assertThat(customerRow(customer)).containsEntry("name", name).containsEntry("city", "杭州");
        assertThat(requestRow(id)).containsEntry("status", "VERIFIED");

        mvc.perform(post("/privacy/requests/{id}/correction", id).with(Staff.as(Role.COMPLIANCE, null, null)).with(csrf())
                        .param("name", name).param("phone", "13800138000").param("city", "宁波").param("note", "核实"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/privacy/requests/" + id));
        String done = mvc.perform(get("/privacy/requests/{id}", id).with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(done).contains("id=\"corrected\"").contains("138****8000").contains("宁波").doesNotContain("id=\"correction-form\"");
        assertThat(customerRow(customer)).containsEntry("phone", "13800138000").containsEntry("city", "宁波");
    }
}
