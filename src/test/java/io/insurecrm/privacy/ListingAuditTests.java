package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Search result lists record which customers they showed; a customer's interactions read through the API are recorded. */
@SpringBootTest
@AutoConfigureMockMvc
class ListingAuditTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccessAudit audit;

    @Test
    void eachSearchPageRecordsOneRowWithTheIdsListedAndTheAuditOfACustomerFindsIt() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String prefix = BookFixtures.unique("列表审计");
        long first = book.individual(prefix + "甲", agent);
        long second = book.individual(prefix + "乙", agent);
        book.individual("别人" + prefix, agent);

        mvc.perform(get("/customers").param("q", prefix).with(Staff.agent(agent))).andExpect(status().isOk());
        mvc.perform(get("/api/customers").param("q", prefix).with(Staff.agent(agent))).andExpect(status().isOk());

        List<Map<String, Object>> rows = jdbc.sql("""
                        select e.seq, e.reason, e.customer_id, array_agg(l.customer_id order by l.customer_id) as listed
                          from audit_event e join audit_listing l on l.seq = e.seq
                         where e.action = 'LIST_CUSTOMERS' and e.reason like :q group by e.seq order by e.seq""")
                .param("q", "%q=" + prefix + ";%").query().listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("reason").toString()).startsWith("customer search page 0").endsWith("listed 2: " + first + "," + second);
        assertThat(rows.get(1).get("reason").toString()).startsWith("customer search API page 0");
        assertThat(rows.get(0).get("customer_id")).isNull();

        // rows written before this test may name the same id: tests of other classes list customers inside transactions
        // they roll back (truncates, sequence resets) while the audit commits its listing on a connection of its own;
        // which test's rows they were is not established (seen once, two pairs of rows), so only this test's are compared
        long firstSeq = ((Number) rows.get(0).get("seq")).longValue();
        var found = audit.search(new AuditQuery(null, second, AuditAction.LIST_CUSTOMERS, null, null, 0, 200));
        assertThat(found.content()).extracting(AuditEntry::seq).filteredOn(seq -> seq >= firstSeq)
                .containsExactlyInAnyOrder(firstSeq, ((Number) rows.get(1).get("seq")).longValue());
        assertThat(audit.verify().intact()).isTrue();

        // an empty result records nothing
        long before = jdbc.sql("select count(*) from audit_event where action = 'LIST_CUSTOMERS'").query(Long.class).single();
        mvc.perform(get("/customers").param("q", "无此客户" + prefix).with(Staff.agent(agent))).andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LIST_CUSTOMERS'").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void readingACustomersInteractionsThroughTheApiIsRecorded() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long customer = book.individual("互动审计客户", agent);
        book.interaction(customer, "CONSULTATION", BookFixtures.at("2026-05-01T10:00"), "咨询");
        mvc.perform(get("/api/customers/{id}/interactions", customer).with(Staff.agent(agent))).andExpect(status().isOk());
        mvc.perform(get("/customers/{id}/interactions", customer).param("page", "1").with(Staff.agent(agent))).andExpect(status().isOk());
        assertThat(jdbc.sql("select action || ' ' || reason from audit_event where customer_id = :id order by seq")
                .param("id", customer).query(String.class).list())
                .containsExactly("VIEW_CUSTOMER_API interactions page 0", "VIEW_CUSTOMER interactions page 1");
    }

    @Test
    void readingACustomersPoliciesAndClaimsThroughTheApiIsRecordedAndAnEmptyListIsNot() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long otherAgent = book.agent(book.branch("34"));
        long customer = book.individual("保单列表审计客户", agent);
        long policy = book.policy(customer, book.product("家财险", "Home", "HOME_PROPERTY", null), "ACTIVE", java.time.LocalDate.parse("2026-01-01"),
                java.time.LocalDate.parse("2026-12-31"), "1200.00");
        book.claim(policy, java.time.LocalDate.parse("2026-03-01"), "800.00", "REPORTED");

        mvc.perform(get("/api/policies").param("customerId", String.valueOf(customer)).with(Staff.agent(agent)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/claims").param("customerId", String.valueOf(customer)).with(Staff.agent(agent)))
                .andExpect(status().isOk());
        // outside the other agent's book: an empty list, and nothing was shown, so nothing is recorded
        mvc.perform(get("/api/policies").param("customerId", String.valueOf(customer)).with(Staff.agent(otherAgent)))
                .andExpect(status().isOk());

        assertThat(jdbc.sql("select action || ' ' || reason || ' ' || array_to_string(fields, ',') from audit_event "
                        + "where customer_id = :id order by seq")
                .param("id", customer).query(String.class).list())
                .containsExactly("VIEW_CUSTOMER_API policies of customer (1) policies",
                        "VIEW_CUSTOMER_API claims of customer (1) claims,description,amounts");
    }
}
