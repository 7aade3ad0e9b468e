package io.insurecrm.portal;

import io.insurecrm.fixtures.BookFixtures;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A small book for portal tests: a customer with a phone of his own, a policy in its renewal window and a claim. */
final class PortalFixture {

    final JdbcClient jdbc;
    final BookFixtures book;
    final long branch;
    final long agent;
    final long product;

    PortalFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.book = new BookFixtures(jdbc);
        this.branch = book.branch("33");
        this.agent = book.agent(branch);
        this.product = book.product("门户医疗险", "Portal medical", "MEDICAL", "BASIC");
    }

    long customer(String name) {
        return book.individual(name + BookFixtures.next(), agent, branch, "33", LocalDate.of(1984, 4, 4));
    }

    String phone(long customerId) {
        return jdbc.sql("select phone from customer where id = :id").param("id", customerId).query(String.class).single();
    }

    /** A policy ending in 10 days: inside the default 30-day renewal window. */
    long policyDueForRenewal(long holderId) {
        LocalDate end = LocalDate.now().plusDays(10);
        return book.policy(holderId, product, "ACTIVE", end.minusYears(1).plusDays(1), end, "1200");
    }

    /** A policy ending in 200 days: outside the renewal window. */
    long policyNotDue(long holderId) {
        LocalDate end = LocalDate.now().plusDays(200);
        return book.policy(holderId, product, "ACTIVE", end.minusYears(1).plusDays(1), end, "800");
    }

    /** Signs the customer in through the real code flow and returns the portal session. */
    static MockHttpSession signIn(MockMvc mvc, RecordingOtpSender codes, String phone) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/portal/login/code").session(session).with(csrf()).param("phone", phone));
        mvc.perform(post("/portal/login").session(session).with(csrf()).param("phone", phone).param("code", codes.lastCode(phone)));
        return session;
    }
}
