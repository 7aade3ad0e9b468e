package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class DataSubjectRightsTests {

    @Autowired
    io.insurecrm.platform.crypto.FieldCipher cipher;
    @Autowired
    DataSubjectRequests requests;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    WorkingCalendar calendar;

    BookFixtures book;
    long agent;
    long customer;
    long endedPolicy;
    long oldPolicy;
    long claim;
    String idNumber;
    String phone;
    static final String BANK_ACCOUNT = "6225880123454321";

    @BeforeEach
    void aCustomerWithHistory() {
        book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        customer = book.individual("权利测试客户", agent);
        long spouse = book.individual("权利测试配偶", agent);
        long household = book.household("权利测试客户家庭", customer);
        book.member(household, spouse, "SPOUSE");
        long product = book.product("权利医疗险", "Rights medical", "MEDICAL", "BASIC");
        endedPolicy = book.policy(customer, product, "EXPIRED", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), "1200");
        oldPolicy = book.policy(customer, product, "EXPIRED", LocalDate.of(2010, 1, 1), LocalDate.of(2010, 12, 31), "900");
        claim = book.claim(endedPolicy, LocalDate.of(2025, 6, 1), "300", "REPORTED");
        // claim texts stored sealed as the application writes them (claim/V90)
        jdbc.sql("update claim set description = :d where policy_id in (:a, :b)").param("d", cipher.seal("住院治疗 权利测试"))
                .param("a", endedPolicy).param("b", oldPolicy).update();
        book.claim(oldPolicy, LocalDate.of(2010, 6, 1), "100", "REPORTED");
        jdbc.sql("update claim set description = :d where policy_id = :b").param("d", cipher.seal("旧理赔说明")).param("b", oldPolicy).update();
        long complaint = book.interaction(customer, "COMPLAINT", BookFixtures.at("2026-03-01T10:00"), null);
        // the outcome stored sealed as the application writes it (interaction/V93)
        jdbc.sql("update interaction set outcome = :o where id = :id").param("o", cipher.seal("客户投诉：电话 13800001111"))
                .param("id", complaint).update();
        jdbc.sql("""
                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                values (:c, 'SERVICE', true, 'PAPER_FORM', 'v1', now(), 'test')""").param("c", customer).update();
        idNumber = jdbc.sql("select id_number from customer where id = :id").param("id", customer).query(String.class).single();
        phone = jdbc.sql("select phone from customer where id = :id").param("id", customer).query(String.class).single();
        // sensitive fields stored sealed as the application writes them (ADR 0004): a bank account and a health reading
        jdbc.sql("""
                        update customer set bank_name = '招商银行', bank_account = :v, bank_account_bidx = :b,
                               bank_account_masked = '6225 **** **** 4321' where id = :id""")
                .param("v", cipher.seal(BANK_ACCOUNT)).param("b", cipher.blindIndex("customer.bank_account", BANK_ACCOUNT))
                .param("id", customer).update();
        jdbc.sql("insert into portal_blood_pressure (customer_id, reading, measured_at) values (:c, :r, '2026-10-01T08:00:00Z')")
                .param("c", customer).param("r", cipher.seal("152/96")).update();
        signIn(Role.COMPLIANCE);
    }

    private static void signIn(Role role) {
        var staff = Staff.principal(role, null, null);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(staff, null, staff.getAuthorities()));
    }

    @org.junit.jupiter.api.AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDeadlineIsFifteenWorkingDaysAfterReceipt() {
        assertThat(requests.dueOn(LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2026, 12, 22));
        assertThat(requests.dueOn(LocalDate.of(2026, 12, 5))).as("received on a Saturday").isEqualTo(LocalDate.of(2026, 12, 25));
    }

    @Test
    void theCopyHoldsEverySectionAndIsAudited() {
        // stored encrypted like every ID number the application writes (ADR 0004): the copy holds it decrypted
        jdbc.sql("update customer set id_number = :v where id = :id").param("v", cipher.seal(idNumber)).param("id", customer).update();
        PersonalDataCopy copy = requests.copyOf(customer, "json");
        Map<String, List<Map<String, Object>>> s = copy.sections();
        assertThat(s.keySet()).containsExactlyElementsOf(PersonalDataCopy.SECTIONS);
        assertThat(s.get("profile")).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("name", "权利测试客户").containsEntry("idNumber", idNumber).containsEntry("phone", phone)
                    .containsEntry("bankName", "招商银行").containsEntry("bankAccount", BANK_ACCOUNT);
        });
        assertThat(s.get("healthReadings")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("systolic", 152).containsEntry("diastolic", 96).doesNotContainKey("reading"));
        assertThat(s.get("household")).singleElement().satisfies(row -> assertThat(row).containsEntry("relationship", "SELF"));
        assertThat(s.get("household").toString()).doesNotContain("权利测试配偶");
        assertThat(s.get("policies")).hasSize(2);
        assertThat(s.get("claims")).extracting(row -> row.get("description")).as("opened")
                .containsExactlyInAnyOrder("住院治疗 权利测试", "旧理赔说明");
        assertThat(s.get("interactions")).singleElement().as("opened")
                .satisfies(row -> assertThat(row.get("outcome")).isEqualTo("客户投诉：电话 13800001111"));
        assertThat(s.get("consents")).singleElement().satisfies(row -> assertThat(row).containsEntry("purpose", "SERVICE"));
        assertThat(s.get("accessAudit")).extracting(row -> row.get("action")).contains("DSR_EXPORT");
    }

    @Test
    void erasureAnonymisesThePersonButKeepsRecordsUnderRetentionInOneAuditedStep() {
        DsrRequest request = requests.open(customer, DsrType.ERASURE, LocalDate.of(2026, 11, 20), "合规A", "客户来电要求注销");
        assertThat(request.status()).isEqualTo(DsrStatus.RECEIVED);
        assertThatThrownBy(() -> requests.complete(request.id(), null)).isInstanceOf(DataSubjectRequestRefused.class)
                .hasMessageContaining("rights.request.transition");
        requests.verify(request.id(), "柜面核对身份证原件", null);
        DsrRequest done = requests.complete(request.id(), "已办理");

        assertThat(done.status()).isEqualTo(DsrStatus.COMPLETED);
        assertThat(done.outcome()).contains("1 policies under legal retention until 2030-12-31");
        Map<String, Object> row = jdbc.sql("select * from customer where id = :id").param("id", customer).query().singleRow();
        assertThat(row.get("name")).isEqualTo("已注销客户 #" + customer);
        assertThat(row.get("phone")).isNull();
        assertThat(row.get("city")).isEqualTo("—");
        // the synthetic number is stored like any ID number: encrypted, with its blind index and mask (ADR 0004)
        assertThat((String) row.get("id_number")).startsWith("v1:");
        String synthetic = cipher.open((String) row.get("id_number"));
        assertThat(synthetic).isNotEqualTo(idNumber).startsWith("00");
        assertThat(io.insurecrm.customer.ChineseIdNumber.isValid(synthetic)).isTrue();
        assertThat(row.get("id_number_bidx")).isEqualTo(cipher.blindIndex("customer.id_number", synthetic));
        assertThat(row.get("id_number_masked")).isEqualTo(new io.insurecrm.customer.ChineseIdNumber(synthetic).masked());
        assertThat(jdbc.sql("select outcome from interaction where customer_id = :id").param("id", customer).query(String.class).list())
                .containsOnlyNulls();
        // the bank account is cleared with its index and mask; health readings (no legal retention) are deleted
        assertThat(row.get("bank_name")).isNull();
        assertThat(row.get("bank_account")).isNull();
        assertThat(row.get("bank_account_bidx")).isNull();
        assertThat(row.get("bank_account_masked")).isNull();
        assertThat(jdbc.sql("select count(*) from portal_blood_pressure where customer_id = :id").param("id", customer)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from household_member where customer_id = :id").param("id", customer).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select h.name from household h join household_member m on m.household_id = h.id join customer c on c.id = m.customer_id where c.name = '权利测试配偶'")
                .query(String.class).single()).doesNotContain("权利测试客户");
        // the policies and claims stay; the claim text of the policy past retention (ended 2010) is cleared
        assertThat(jdbc.sql("select count(*) from policy where holder_id = :id").param("id", customer).query(Long.class).single()).isEqualTo(2);
        assertThat(cipher.open(jdbc.sql("select description from claim where policy_id = :p").param("p", endedPolicy)
                .query(String.class).single())).isEqualTo("住院治疗 权利测试");
        assertThat(jdbc.sql("select description from claim where policy_id = :p").param("p", oldPolicy).query(String.class).list()).containsOnlyNulls();
        assertThat(jdbc.sql("select action from audit_event where customer_id = :id order by seq").param("id", customer).query(String.class).list())
                .contains("ERASURE").endsWith("DSR_REQUEST");
        // a second erasure is refused
        DsrRequest again = requests.open(customer, DsrType.ERASURE, null, null, null);
        requests.verify(again.id(), null, null);
        assertThatThrownBy(() -> requests.complete(again.id(), null)).isInstanceOf(DataSubjectRequestRefused.class)
                .hasMessageContaining("rights.erasure.already");
    }

    @Test
    void erasureWhileAPolicyIsInForceIsRefusedWithTheReasonAndChangesNothing() throws Exception {
        long product = book.product("权利寿险", "Rights life", "TERM_LIFE", "BASIC");
        book.policy(customer, product, "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2036, 12, 31), "3000");
        DsrRequest request = requests.open(customer, DsrType.ERASURE, null, null, null);
        requests.verify(request.id(), null, null);
        mvc.perform(post("/api/privacy/requests/{id}/completion", request.id()).with(Staff.as(Role.COMPLIANCE, null, null))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("rights.erasure.inForce"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("仍有有效保单")));
        signIn(Role.COMPLIANCE); // MockMvc clears the test thread's security context
        assertThat(requests.find(request.id()).status()).isEqualTo(DsrStatus.VERIFIED);
        assertThat(jdbc.sql("select name from customer where id = :id").param("id", customer).query(String.class).single()).isEqualTo("权利测试客户");
        assertThat(jdbc.sql("select count(*) from interaction where customer_id = :id and outcome is not null").param("id", customer)
                .query(Long.class).single()).isEqualTo(1);
        // rejecting needs a reason, which is kept and told
        assertThatThrownBy(() -> requests.reject(request.id(), " ")).isInstanceOf(DataSubjectRequestRefused.class);
        assertThat(requests.reject(request.id(), "保单仍在保障期内").outcome()).isEqualTo("保单仍在保障期内");
    }

    @Test
    void openRequestsFallingDueWithinTheReminderAreCountedListedAndShown() throws Exception {
        LocalDate today = LocalDate.now();
        LocalDate until = requests.remindUntil();
        // received so that the deadline (15 working days on) falls between today and the reminder's last day
        LocalDate received = today;
        while (calendar.plusWorkingDays(received, 15).isAfter(until)) {
            received = received.minusDays(1);
        }
        DsrRequest soon = requests.open(customer, DsrType.CORRECTION, received, "合规C", null);
        DsrRequest later = requests.open(customer, DsrType.ACCESS, null, null, null);
        assertThat(soon.dueOn()).isBetween(today, until);
        assertThat(soon.overdue()).isFalse();

        var dueSoon = requests.dueSoon();
        assertThat(dueSoon.count()).isGreaterThanOrEqualTo(1);
        assertThat(dueSoon.earliest()).isBeforeOrEqualTo(soon.dueOn());
        assertThat(dueSoon.workingDays()).isEqualTo(3);
        assertThat(requests.search(new DsrQuery(null, null, customer, false, "dueOn", false, 0, 50, true)).content())
                .extracting(DsrRequest::id).contains(soon.id()).doesNotContain(later.id());

        mvc.perform(get("/privacy/requests").param("customerId", String.valueOf(customer)).param("dueSoon", "true")
                        .param("lang", "en").with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("open requests fall due within 3 working days")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("checked=\"checked\"")));
        mvc.perform(get("/api/privacy/requests/due-soon").with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.workingDays").value(3))
                .andExpect(jsonPath("$.until").value(until.toString()));
        signIn(Role.COMPLIANCE);
        requests.reject(soon.id(), "测试结束");
    }

    @Test
    void overdueRequestsAreFlaggedListedSortedAndExported() throws Exception {
        DsrRequest late = requests.open(customer, DsrType.ACCESS, LocalDate.of(2026, 9, 1), "合规B", null);
        DsrRequest fresh = requests.open(customer, DsrType.EXPORT, null, null, null);
        assertThat(late.overdue()).isTrue();
        assertThat(fresh.overdue()).isFalse();
        var overdue = requests.search(new DsrQuery(null, null, customer, true, "dueOn", false, 0, 50));
        assertThat(overdue.content()).extracting(DsrRequest::id).containsExactly(late.id());
        var sorted = requests.search(new DsrQuery(null, null, customer, false, "receivedOn", true, 0, 50));
        assertThat(sorted.content()).extracting(DsrRequest::id).containsExactly(fresh.id(), late.id());

        String page = mvc.perform(get("/privacy/requests").param("customerId", String.valueOf(customer))
                        .with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("class=\"overdue\"").contains("逾期");
        String csv = mvc.perform(get("/privacy/requests.csv").param("customerId", String.valueOf(customer))
                        .with(Staff.as(Role.ADMIN, null, null)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("id,customer_id,type").contains(late.id() + "," + customer + ",ACCESS,2026-09-01");
        mvc.perform(get("/privacy/requests").with(Staff.as(Role.AGENT, agent, null))).andExpect(status().isForbidden());
    }

    @Test
    void theApiRecordsARequestAndServesTheCopyAsJsonAndAPrintablePage() throws Exception {
        mvc.perform(post("/api/privacy/requests").with(Staff.as(Role.COMPLIANCE, null, null))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\": " + customer + ", \"type\": \"EXPORT\", \"receivedOn\": \"2026-12-01\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("RECEIVED"))
                .andExpect(jsonPath("$.dueOn").value("2026-12-22"));
        mvc.perform(post("/api/privacy/requests").with(Staff.as(Role.COMPLIANCE, null, null))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"customerId\": " + customer + "}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("type"));
        mvc.perform(get("/api/privacy/customers/{id}/personal-data", customer).with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sections.profile[0].name").value("权利测试客户"))
                .andExpect(jsonPath("$.sections.policies.length()").value(2));
        String html = mvc.perform(get("/privacy/customers/{id}/personal-data", customer).with(Staff.as(Role.ADMIN, null, null)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("权利测试客户").contains(idNumber).contains("section-accessAudit").contains("rights.css");
        mvc.perform(get("/api/privacy/customers/{id}/personal-data", customer).with(Staff.as(Role.AGENT, agent, null)))
                .andExpect(status().isForbidden());
    }
}
