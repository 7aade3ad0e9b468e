package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class LoginThrottleTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccessAudit audit;

    @Test
    void fiveFailuresLockTheUsernameEvenForTheRightPasswordWithAClearMessageAllAudited() throws Exception {
        String username = BookFixtures.unique("throttled");
        new BookFixtures(jdbc).staffUser(username, "ANALYST", null, null);

        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user(username).password("wrong-" + i))
                    .andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
        }
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").user(username).password("demo1234"))
                .andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated())
                .andReturn().getRequest().getSession();
        mvc.perform(get("/login").param("error", "").session(session))
                .andExpect(content().string(containsString("id=\"login-locked\"")))
                .andExpect(content().string(not(containsString("id=\"login-failed\""))));
        // the API's HTTP basic is throttled too
        mvc.perform(get("/api/metrics/contracts-per-customer").with(
                org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic(username, "demo1234")))
                .andExpect(status().isUnauthorized());

        assertThat(audit.search(new AuditQuery(username, null, AuditAction.LOGIN_FAILED, null, null, 0, 50)).total()).isEqualTo(5);
        assertThat(audit.search(new AuditQuery(username, null, AuditAction.LOGIN_LOCKED, null, null, 0, 50)).total()).isEqualTo(2);
    }

    @Test
    void fewerFailuresDoNotLockAndTheRightPasswordSignsIn() throws Exception {
        String username = BookFixtures.unique("careless");
        new BookFixtures(jdbc).staffUser(username, "ANALYST", null, null);
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin("/login").user(username).password("wrong")).andExpect(unauthenticated());
        }
        mvc.perform(formLogin("/login").user(username).password("demo1234")).andExpect(authenticated());
    }

    /**
     * Password spraying: one failure for each of many usernames from one address locks the address (30 in the window),
     * even for a username with no failure of its own and the right password; another address still signs in, and the
     * loopback address (where a local reverse proxy comes from) is never locked by address.
     */
    @Test
    void manyUsernamesFailingFromOneAddressLockThatAddressOnly() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        String address = "203.0.113." + (BookFixtures.next() % 200 + 20);
        String victim = BookFixtures.unique("sprayed");
        book.staffUser(victim, "ANALYST", null, null);
        for (int i = 0; i < 30; i++) {
            mvc.perform(from(address, formLogin("/login").user(BookFixtures.unique("guess")).password("Spring2026!")))
                    .andExpect(unauthenticated());
        }
        MockHttpSession session = (MockHttpSession) mvc.perform(from(address, formLogin("/login").user(victim).password("demo1234")))
                .andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated())
                .andReturn().getRequest().getSession();
        mvc.perform(get("/login").param("error", "").param("lang", "en").session(session))
                .andExpect(content().string(containsString("Too many failed sign-ins from your network address")))
                .andExpect(content().string(not(containsString("id=\"login-locked\""))))
                .andExpect(content().string(not(containsString("id=\"login-failed\""))));
        mvc.perform(from("198.51.100.7", formLogin("/login").user(victim).password("demo1234"))).andExpect(authenticated());
        mvc.perform(from("127.0.0.1", formLogin("/login").user(victim).password("demo1234"))).andExpect(authenticated());

        assertThat(audit.search(new AuditQuery(victim, null, AuditAction.LOGIN_LOCKED, null, null, 0, 50)).content())
                .extracting(AuditEntry::reason).containsExactly("address " + address + ": 30 failures within 15 minutes");
        assertThat(audit.search(new AuditQuery(victim, null, AuditAction.LOGIN_FAILED, null, null, 0, 50)).total())
                .as("the victim's own username has no failure").isZero();
    }

    /** The sign-in {@code login} as if from the client address {@code address}. */
    private static org.springframework.test.web.servlet.RequestBuilder from(String address,
                                                                          org.springframework.test.web.servlet.RequestBuilder login) {
        return servletContext -> {
            org.springframework.mock.web.MockHttpServletRequest request = login.buildRequest(servletContext);
            request.setRemoteAddr(address);
            return request;
        };
    }
}
