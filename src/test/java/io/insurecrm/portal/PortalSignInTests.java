package io.insurecrm.portal;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Phone + one-time code: the happy path, wrong, expired and reused codes, throttling, lock-out, and the two chains kept apart. */
@SpringBootTest
@AutoConfigureMockMvc
class PortalSignInTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RecordingOtpSender codes;

    PortalFixture fixture;
    long customer;
    String phone;

    @BeforeEach
    void aCustomer() {
        fixture = new PortalFixture(jdbc);
        customer = fixture.customer("门户登录");
        phone = fixture.phone(customer);
    }

    private String body(org.springframework.test.web.servlet.MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aCustomerSignsInWithTheCodeSentToHisPhoneAndSeesHisHome() throws Exception {
        MockHttpSession session = new MockHttpSession();
        var sent = mvc.perform(post("/portal/login/code").session(session).with(csrf()).param("phone", phone)).andReturn();
        assertThat(body(sent)).contains(phone.substring(0, 3) + "****" + phone.substring(7));
        var signedIn = mvc.perform(post("/portal/login").session(session).with(csrf()).param("phone", phone)
                .param("code", codes.lastCode(phone))).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/portal");
        var home = mvc.perform(get("/portal").session(session)).andReturn();
        assertThat(home.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(home)).contains("门户登录");
        // the code is used once
        var again = mvc.perform(post("/portal/login").session(new MockHttpSession()).with(csrf()).param("phone", phone)
                .param("code", codes.lastCode(phone))).andReturn();
        assertThat(body(again)).contains("该验证码已使用");
    }

    @Test
    void anUnknownNumberGetsTheSameAnswerButNoCode() throws Exception {
        String unknown = "1380000" + String.format("%04d", io.insurecrm.fixtures.BookFixtures.next() % 10000);
        jdbc.sql("update customer set phone = '13912345678' where phone = :p").param("p", unknown).update();
        var sent = mvc.perform(post("/portal/login/code").with(csrf()).param("phone", unknown)).andReturn();
        assertThat(body(sent)).contains("如该号码已在本公司登记");
        assertThat(codes.sentTo(unknown)).isFalse();
    }

    @Test
    void badNumbersWrongExpiredAndTooFrequentCodesEachGetAClearMessage() throws Exception {
        assertThat(body(mvc.perform(post("/portal/login/code").with(csrf()).param("phone", "12345")).andReturn()))
                .contains("手机号格式不正确");
        assertThat(body(mvc.perform(post("/portal/login").with(csrf()).param("phone", phone).param("code", "123456")).andReturn()))
                .contains("请先获取验证码");
        mvc.perform(post("/portal/login/code").with(csrf()).param("phone", phone));
        assertThat(body(mvc.perform(post("/portal/login/code").with(csrf()).param("phone", phone)).andReturn()))
                .contains("验证码发送过于频繁");
        String code = codes.lastCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(body(mvc.perform(post("/portal/login").with(csrf()).param("phone", phone).param("code", wrong)).andReturn()))
                .contains("验证码错误，还可尝试 4 次");
        assertThat(body(mvc.perform(post("/portal/login").with(csrf()).param("phone", phone).param("code", "12ab")).andReturn()))
                .contains("验证码应为6位数字");
        jdbc.sql("update portal_otp set expires_at = now() - interval '1 second' where phone = :p").param("p", phone).update();
        var expired = mvc.perform(post("/portal/login").with(csrf()).param("phone", phone).param("code", code)).andReturn();
        assertThat(body(expired)).contains("验证码已过期");
        assertThat(expired.getResponse().getRedirectedUrl()).isNull();
    }

    @Test
    void fiveWrongCodesLockThePhoneOutEvenForTheRightCode() throws Exception {
        mvc.perform(post("/portal/login/code").with(csrf()).param("phone", phone));
        String code = codes.lastCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            mvc.perform(post("/portal/login").with(csrf()).param("phone", phone).param("code", wrong));
        }
        assertThat(body(mvc.perform(post("/portal/login").with(csrf()).param("phone", phone).param("code", wrong)).andReturn()))
                .contains("该号码已锁定");
        var right = mvc.perform(post("/portal/login").with(csrf()).param("phone", phone).param("code", code)).andReturn();
        assertThat(body(right)).contains("该号码已锁定");
        assertThat(right.getResponse().getRedirectedUrl()).isNull();
        assertThat(body(mvc.perform(post("/portal/login/code").with(csrf()).param("phone", phone)).andReturn())).contains("该号码已锁定");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGIN_LOCKED' and actor like :a")
                .param("a", "portal:" + phone.substring(0, 3) + "%").query(Integer.class).single()).isPositive();
    }

    @Test
    void anAnonymousVisitorIsSentToThePortalSignInAndTheApiAnswers401() throws Exception {
        assertThat(mvc.perform(get("/portal")).andReturn().getResponse().getRedirectedUrl()).endsWith("/portal/login");
        assertThat(mvc.perform(get("/api/portal/home")).andReturn().getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void aStaffSessionDoesNotOpenThePortalAndACustomerSessionDoesNotOpenStaffPages() throws Exception {
        assertThat(mvc.perform(get("/portal").with(user("admin").roles("ADMIN"))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        MockHttpSession session = PortalFixture.signIn(mvc, codes, phone);
        assertThat(mvc.perform(get("/portal").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        var staffPage = mvc.perform(get("/customers").session(session).accept(org.springframework.http.MediaType.TEXT_HTML))
                .andReturn();
        assertThat(staffPage.getResponse().getRedirectedUrl()).as("staff pages send a customer to the staff sign-in").endsWith("/login");
        assertThat(mvc.perform(get("/api/customers/" + customer).session(session)).andReturn().getResponse().getStatus())
                .isEqualTo(401);
    }

    @Test
    void thePortalSendsTheStaffSecurityHeaders() throws Exception {
        var response = mvc.perform(get("/portal/login")).andReturn().getResponse();
        assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(mvc.perform(post("/portal/login/code").param("phone", phone)).andReturn().getResponse().getStatus())
                .as("no CSRF token").isEqualTo(403);
    }
}
