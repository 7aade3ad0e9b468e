package io.insurecrm.privacy.web;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.AuditEntry;
import io.insurecrm.privacy.AuditQuery;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The privacy module in the running application: what is audited, consent checks and refusals, the compliance page. */
@SpringBootTest
@AutoConfigureMockMvc
class PrivacyWebTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccessAudit audit;

    BookFixtures book;
    long agentId;
    long customerId;
    StaffPrincipal agent;

    @BeforeEach
    void anAgentWithACustomer() {
        book = new BookFixtures(jdbc);
        agentId = book.agent(book.branch("33"));
        customerId = book.individual("隐私客户", agentId);
        agent = staff(Role.AGENT, agentId);
    }

    static StaffPrincipal staff(Role role, Long agentId) {
        return new StaffPrincipal(77L, BookFixtures.unique(role.name().toLowerCase()), "{noop}x", "测试", role, agentId, null, true);
    }

    static RequestPostProcessor as(StaffPrincipal staff) {
        return io.insurecrm.fixtures.Staff.signedIn(staff);
    }

    private List<AuditEntry> trailOf(StaffPrincipal staff) {
        return audit.search(new AuditQuery(staff.username(), null, null, null, null, 0, 50)).content();
    }

    @Test
    void viewingThe360PageAndApiIsAuditedWithWhoWhichCustomerWhichFieldsAndFromWhere() throws Exception {
        mvc.perform(get("/customers/{id}", customerId).with(as(agent))).andExpect(status().isOk());
        mvc.perform(get("/api/customers/{id}/360", customerId).with(as(agent))).andExpect(status().isOk());

        List<AuditEntry> trail = trailOf(agent);
        assertThat(trail).extracting(AuditEntry::action).containsExactly("VIEW_CUSTOMER_API", "VIEW_CUSTOMER");
        assertThat(trail).allSatisfy(entry -> {
            assertThat(entry.customerId()).isEqualTo(customerId);
            assertThat(entry.actorRole()).isEqualTo("AGENT");
            assertThat(entry.fields()).contains("profile", "id_number_masked", "phone");
            assertThat(entry.remoteAddress()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void theEditFormWithTheFullIdNumberAndTheCustomerApiAreAuditedToo() throws Exception {
        mvc.perform(get("/customers/{id}/edit", customerId).with(as(agent))).andExpect(status().isOk());
        mvc.perform(get("/api/customers/{id}", customerId).with(as(agent))).andExpect(status().isOk());
        List<AuditEntry> trail = trailOf(agent);
        assertThat(trail).extracting(AuditEntry::action).containsExactly("VIEW_CUSTOMER_API", "VIEW_CUSTOMER");
        assertThat(trail.get(1).fields()).contains("id_number");
        assertThat(trail.get(1).reason()).isEqualTo("edit form");
        assertThat(trail.get(0).fields()).contains("id_number_masked");
    }

    @Test
    void policyAndClaimViewsAreAuditedAgainstTheirCustomer() throws Exception {
        long product = book.product("审计医疗险", "Audit medical", "MEDICAL", "BASIC");
        long policy = book.policy(customerId, product, "ACTIVE", java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2026, 12, 31), "900");
        long claim = book.claim(policy, java.time.LocalDate.of(2026, 3, 1), "200", "REPORTED");
        mvc.perform(get("/policies/{id}", policy).with(as(agent))).andExpect(status().isOk());
        mvc.perform(get("/api/policies/{id}", policy).with(as(agent))).andExpect(status().isOk());
        mvc.perform(get("/claims/{id}", claim).with(as(agent))).andExpect(status().isOk());
        mvc.perform(get("/api/claims/{id}", claim).with(as(agent))).andExpect(status().isOk());

        List<AuditEntry> trail = trailOf(agent);
        assertThat(trail).extracting(AuditEntry::action)
                .containsExactly("VIEW_CUSTOMER_API", "VIEW_CUSTOMER", "VIEW_CUSTOMER_API", "VIEW_CUSTOMER");
        assertThat(trail).allSatisfy(entry -> assertThat(entry.customerId()).isEqualTo(customerId));
        assertThat(trail.get(0).reason()).startsWith("claim ");
        assertThat(trail.get(3).reason()).isEqualTo("policy " + book.policyNumber(policy));
    }

    @Test
    void aGuessedIdIsNotFoundAndReadsNothing() throws Exception {
        long someoneElses = book.individual("别人的客户", book.agent(book.branch("11")));
        mvc.perform(get("/customers/{id}", someoneElses).with(as(agent))).andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("别人的客户"))));
        mvc.perform(get("/api/customers/{id}/consents", someoneElses).with(as(agent))).andExpect(status().isNotFound());
        mvc.perform(post("/api/customers/{id}/id-number/reveal", someoneElses).with(as(agent))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"核对身份\"}")).andExpect(status().isNotFound());
        mvc.perform(post("/customers/{id}/consents", someoneElses).with(as(agent)).with(csrf())
                        .param("purpose", "MARKETING").param("granted", "true").param("source", "ONLINE").param("noticeVersion", "v1"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from consent where customer_id = :id").param("id", someoneElses)
                .query(Long.class).single()).isZero();
    }

    @Test
    void consentIsRecordedPerPurposeWithSourceAndNoticeAndShownOnThe360Page() throws Exception {
        mvc.perform(post("/customers/{id}/consents", customerId).with(as(agent)).with(csrf())
                        .param("purpose", "MARKETING").param("granted", "true").param("source", "PAPER_FORM").param("noticeVersion", "2026-01"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/customers/" + customerId + "#consent"));
        mvc.perform(post("/api/customers/{id}/consents", customerId).with(as(agent)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"MARKETING\",\"granted\":false,\"source\":\"PHONE_RECORDED\",\"noticeVersion\":\"2026-02\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.granted").value(false));

        mvc.perform(get("/api/customers/{id}/consents", customerId).with(as(agent)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.latest.MARKETING.granted").value(false))
                .andExpect(jsonPath("$.latest.MARKETING.noticeVersion").value("2026-02"))
                .andExpect(jsonPath("$.history.length()").value(2))
                .andExpect(jsonPath("$.history[1].source").value("PAPER_FORM"))
                .andExpect(jsonPath("$.history[1].recordedBy").value(agent.username()));
        mvc.perform(get("/customers/{id}", customerId).with(as(agent)))
                .andExpect(content().string(containsString("id=\"consent-MARKETING\"")))
                .andExpect(content().string(containsString("2026-02")));
        assertThat(trailOf(agent)).extracting(AuditEntry::action).contains("CONSENT_CHANGE");
    }

    @Test
    void anInvalidConsentFormRecordsNothingAndSaysWhy() throws Exception {
        mvc.perform(post("/customers/{id}/consents", customerId).with(as(agent)).with(csrf())
                        .param("purpose", "EVERYTHING").param("granted", "true").param("source", "ONLINE").param("noticeVersion", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("consentError", "consent.form.invalid"));
        assertThat(jdbc.sql("select count(*) from consent where customer_id = :id").param("id", customerId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anInvalidConsentRecordsNothing() throws Exception {
        mvc.perform(post("/api/customers/{id}/consents", customerId).with(as(agent)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"MARKETING\",\"granted\":true,\"source\":\"ONLINE\",\"noticeVersion\":\"\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("noticeVersion"));
        assertThat(jdbc.sql("select count(*) from consent where customer_id = :id").param("id", customerId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void revealingTheIdNumberWithoutSensitiveDataConsentIsRefusedWithTheReasonAndTheRefusalIsAudited() throws Exception {
        mvc.perform(post("/api/customers/{id}/id-number/reveal", customerId).with(as(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"核对身份\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:insurecrm:problem:consent-missing"))
                .andExpect(jsonPath("$.purpose").value("SENSITIVE_DATA"))
                .andExpect(jsonPath("$.detail").value(containsString("敏感个人信息处理")));
        mvc.perform(post("/customers/{id}/id-number/reveal", customerId).with(as(agent)).with(csrf()).param("reason", "核对身份"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("id=\"consent-missing-reason\"")));

        List<AuditEntry> trail = trailOf(agent);
        assertThat(trail).extracting(AuditEntry::action).containsExactly("CONSENT_REFUSED", "CONSENT_REFUSED");
        assertThat(trail.get(0).reason()).contains("SENSITIVE_DATA").contains("reveal id_number");
        assertThat(trail.get(0).customerId()).isEqualTo(customerId);
    }

    @Test
    void withSensitiveDataConsentTheIdNumberIsRevealedAndTheRevealAudited() throws Exception {
        String idNumber = jdbc.sql("select id_number from customer where id = :id").param("id", customerId).query(String.class).single();
        mvc.perform(post("/api/customers/{id}/consents", customerId).with(as(agent)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"SENSITIVE_DATA\",\"granted\":true,\"source\":\"PAPER_FORM\",\"noticeVersion\":\"v3\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/customers/{id}/id-number/reveal", customerId).with(as(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"理赔核对身份\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.idNumber").value(idNumber));
        AuditEntry reveal = trailOf(agent).get(0);
        assertThat(reveal.action()).isEqualTo("REVEAL");
        assertThat(reveal.fields()).containsExactly("id_number");
        assertThat(reveal.reason()).isEqualTo("API: 理赔核对身份");
    }

    @Test
    void anIdNumberRevealWithoutAReasonIsRefusedOnTheFieldAndRevealsAndRecordsNothing() throws Exception {
        mvc.perform(post("/api/customers/{id}/consents", customerId).with(as(agent)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"SENSITIVE_DATA\",\"granted\":true,\"source\":\"PAPER_FORM\",\"noticeVersion\":\"v3\"}"))
                .andExpect(status().isCreated());
        long before = trailOf(agent).size();
        mvc.perform(post("/api/customers/{id}/id-number/reveal", customerId).with(as(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.idNumber").doesNotExist());
        mvc.perform(post("/api/customers/{id}/id-number/reveal", customerId).with(as(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"" + "长".repeat(201) + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post("/customers/{id}/id-number/reveal", customerId).with(as(agent)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("revealIdError", "consent.revealReason.required"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("revealedIdNumber", org.hamcrest.Matchers.nullValue()));
        assertThat(trailOf(agent)).hasSize((int) before);
    }

    @Test
    void theBankAccountIsRevealedOnlyWithAReasonAndConsentOnceOnThePageAndInTheApiAndEachRevealIsAudited() throws Exception {
        String account = "62170000" + String.format("%08d", BookFixtures.next() % 100_000_000);
        mvc.perform(post("/customers/{id}", customerId).with(as(agent)).with(csrf())
                        .param("kind", "INDIVIDUAL").param("name", "隐私客户").param("regionCode", "33").param("city", "杭州")
                        .param("bankName", "中国农业银行").param("bankAccount", account))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/customers/{id}", customerId).with(as(agent))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains(account.substring(0, 4) + " **** **** " + account.substring(12)).doesNotContain(account);

        // without a reason: 400 naming the field on the API ("{}" as the authorisation matrix posts it), a message on the page
        mvc.perform(post("/api/customers/{id}/bank-account/reveal", customerId).with(as(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("reason")));
        mvc.perform(post("/customers/{id}/bank-account/reveal", customerId).with(as(agent)).with(csrf()).param("reason", " "))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("revealError", "consent.revealReason.required"));
        // with a reason but no SENSITIVE_DATA consent: refused and the refusal audited
        mvc.perform(post("/api/customers/{id}/bank-account/reveal", customerId).with(as(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"扣款失败核对\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.purpose").value("SENSITIVE_DATA"));
        assertThat(trailOf(agent).get(0).reason()).contains("reveal bank_account");

        mvc.perform(post("/api/customers/{id}/consents", customerId).with(as(agent)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"SENSITIVE_DATA\",\"granted\":true,\"source\":\"PAPER_FORM\",\"noticeVersion\":\"v3\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/customers/{id}/bank-account/reveal", customerId).with(as(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"扣款失败核对\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.bankAccount").value(account));
        AuditEntry reveal = trailOf(agent).get(0);
        assertThat(reveal.action()).isEqualTo("REVEAL");
        assertThat(reveal.fields()).containsExactly("bank_account");
        assertThat(reveal.reason()).isEqualTo("API: 扣款失败核对");

        mvc.perform(post("/customers/{id}/bank-account/reveal", customerId).with(as(agent)).with(csrf()).param("reason", "客户来电核对"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("revealedBankAccount", account));
        assertThat(trailOf(agent).get(0).reason()).isEqualTo("360 page: 客户来电核对");
        // someone else's customer: 404, nothing shown
        long someoneElses = book.individual("别人的客户", book.agent(book.branch("33")));
        mvc.perform(post("/api/customers/{id}/bank-account/reveal", someoneElses).with(as(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theCustomerExportHoldsOnlyCustomersWithServiceConsentAndIsAudited() throws Exception {
        long consenting = book.individual("同意服务", agentId);
        long withdrawn = book.individual("撤回服务", agentId);
        jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        values (:a, 'SERVICE', true, 'PAPER_FORM', 'v1', now() - interval '1 day', 't'),
                               (:b, 'SERVICE', true, 'PAPER_FORM', 'v1', now() - interval '1 day', 't'),
                               (:b, 'SERVICE', false, 'ONLINE', 'v1', now(), 't')""")
                .param("a", consenting).param("b", withdrawn).update();

        String csv = mvc.perform(get("/customers.csv").with(as(agent))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("同意服务").doesNotContain("撤回服务").doesNotContain("隐私客户");
        AuditEntry export = trailOf(agent).get(0);
        assertThat(export.action()).isEqualTo("EXPORT");
        assertThat(export.fields()).contains("name", "phone");
    }

    @Test
    void theMetricsExportIsAudited() throws Exception {
        StaffPrincipal analyst = staff(Role.ANALYST, null);
        mvc.perform(get("/metrics/contracts-per-customer.csv").param("by", "region").with(as(analyst))).andExpect(status().isOk());
        assertThat(trailOf(analyst)).extracting(AuditEntry::action).containsExactly("EXPORT");
    }

    @Test
    void analystsSeeHouseholdsByNumberNotByName() throws Exception {
        long product = book.product("隐私医疗险", "Privacy medical", "MEDICAL", "BASIC");
        book.policy(customerId, product, "ACTIVE", java.time.LocalDate.now().minusMonths(1), java.time.LocalDate.now().plusMonths(11), "800");
        long household = book.household("隐私测试之家", customerId);

        String forAnalyst = mvc.perform(get("/metrics/contracts-per-customer.csv").param("by", "household")
                        .with(as(staff(Role.ANALYST, null))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(forAnalyst).doesNotContain("隐私测试之家").contains("#" + household);
        String forAgent = mvc.perform(get("/metrics/contracts-per-customer.csv").param("by", "household").with(as(agent)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(forAgent).contains("隐私测试之家");
    }

    @Test
    void compliancePagesTheTrailAndItsExportIsAuditedToo() throws Exception {
        mvc.perform(get("/customers/{id}", customerId).with(as(agent))).andExpect(status().isOk());
        StaffPrincipal compliance = staff(Role.COMPLIANCE, null);

        mvc.perform(get("/audit").param("customerId", String.valueOf(customerId)).with(as(compliance)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(agent.username())));
        String csv = mvc.perform(get("/audit.csv").param("actor", agent.username()).with(as(compliance)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("VIEW_CUSTOMER").contains(String.valueOf(customerId));
        AuditEntry exported = trailOf(compliance).get(0);
        assertThat(exported.action()).isEqualTo("AUDIT_EXPORT");
        assertThat(exported.reason()).contains("actor=" + agent.username());

        mvc.perform(post("/api/audit/verification").with(as(compliance)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.intact").value(true));
    }

    @Test
    void theEncryptionPageShowsKeyStateRefusesAWrongKeyAndAuditsTheStartOfARotation(
            @Autowired io.insurecrm.privacy.crypto.FieldReencryption batch) throws Exception {
        StaffPrincipal admin = staff(Role.ADMIN, null);
        mvc.perform(get("/privacy/encryption").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("customer.id_number")))
                .andExpect(content().string(containsString(">" + batch.activeKey() + "</strong>")));

        mvc.perform(post("/privacy/encryption/reencryption").param("activeKey", "not-" + batch.activeKey())
                        .with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/privacy/encryption"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("refusal", "encryption.refused.wrongKey"));
        assertThat(trailOf(admin)).noneMatch(e -> e.action().equals("KEY_ROTATION"));

        mvc.perform(post("/privacy/encryption/reencryption").param("activeKey", batch.activeKey())
                        .with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/privacy/encryption"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("started", true));
        assertThat(trailOf(admin)).extracting(AuditEntry::action).contains("KEY_ROTATION");
        long deadline = System.currentTimeMillis() + 60_000;
        while (batch.currentRun() == null || batch.currentRun().running()) {
            assertThat(System.currentTimeMillis()).as("the re-encryption finishes").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(batch.currentRun().failure()).isNull();
        mvc.perform(get("/privacy/encryption/status").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"encryption-run\"")))
                .andExpect(content().string(not(containsString("every 2s"))));
        mvc.perform(get("/privacy/encryption").with(as(agent))).andExpect(status().isForbidden());
    }

    @Test
    void aFormPostWithoutCsrfTokenIsForbidden() throws Exception {
        mvc.perform(post("/customers/{id}/consents", customerId).with(as(agent))
                        .param("purpose", "MARKETING").param("granted", "true").param("source", "ONLINE").param("noticeVersion", "v1"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/customers").with(as(agent)).param("name", "x")).andExpect(status().isForbidden());
    }

    @Test
    void signedInSessionsExpireWithinHalfAnHour(@org.springframework.beans.factory.annotation.Value("${server.servlet.session.timeout}")
                                                 java.time.Duration timeout) {
        assertThat(timeout).isPositive().isLessThanOrEqualTo(java.time.Duration.ofMinutes(30));
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().exists("Referrer-Policy"))
                .andExpect(header().doesNotExist("Strict-Transport-Security"));
        mvc.perform(get("/login").secure(true))
                .andExpect(header().string("Strict-Transport-Security", containsString("max-age=")));
    }
}
