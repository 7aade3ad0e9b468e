package io.insurecrm.privacy.web;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static io.insurecrm.privacy.web.PrivacyWebTests.as;
import static io.insurecrm.privacy.web.PrivacyWebTests.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * SQL, HTML/JS and spreadsheet-formula payloads typed into the text fields of the customer form and the interaction
 * form are stored verbatim (every query binds parameters), rendered escaped, and neutralised in CSV exports.
 */
@SpringBootTest
@AutoConfigureMockMvc
class InjectionTests {

    static final String SQL = "x'); drop table customer; --";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMAGE = "\"><img src=x onerror=alert(2)>";
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.insurecrm.platform.crypto.FieldCipher cipher;

    StaffPrincipal agent;

    @BeforeEach
    void anAgent() {
        BookFixtures book = new BookFixtures(jdbc);
        agent = staff(Role.AGENT, book.agent(book.branch("33")));
    }

    @Test
    void payloadsInTheCustomerFormAreStoredVerbatimAndRenderedEscapedEverywhere() throws Exception {
        String name = SCRIPT + SQL;
        String redirect = mvc.perform(post("/customers").with(as(agent)).with(csrf())
                        .param("kind", "INDIVIDUAL").param("name", name)
                        .param("idNumber", BookFixtures.idNumber("33", LocalDate.of(1990, 5, 1), true))
                        .param("regionCode", "33").param("city", FORMULA).param("occupation", IMAGE)
                        .param("bankName", IMAGE + SQL).param("bankAccount", "6222-0212-3456-7890"))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(redirect.substring(redirect.lastIndexOf('/') + 1));

        assertThat(jdbc.sql("select name || '|' || city || '|' || occupation from customer where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo(name + "|" + FORMULA + "|" + IMAGE);
        assertThat(jdbc.sql("select bank_name from customer where id = :id").param("id", id).query(String.class).single())
                .isEqualTo(IMAGE + SQL);
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isPositive();

        for (String page : new String[] {"/customers/" + id, "/customers/" + id + "/edit"}) {
            String html = mvc.perform(get(page).with(as(agent))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).as(page).doesNotContain(SCRIPT).doesNotContain("<img src=x")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        String list = mvc.perform(get("/customers").param("q", SCRIPT).with(as(agent))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).doesNotContain(SCRIPT).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        mvc.perform(get("/customers").param("q", SQL).with(as(agent))).andExpect(status().isOk());
        // the account number field takes digits only: a payload is refused on the field, not stored, not echoed
        String refused = mvc.perform(post("/customers/" + id).with(as(agent)).with(csrf())
                        .param("kind", "INDIVIDUAL").param("name", "改名").param("regionCode", "33").param("city", "杭州")
                        .param("bankAccount", SCRIPT + SQL))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("form", "bankAccount"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).doesNotContain(SCRIPT).doesNotContain("alert(1)").doesNotContain("drop table");
        assertThat(jdbc.sql("select bank_account_masked from customer where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("6222 **** **** 7890");

        jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        values (:id, 'SERVICE', true, 'PAPER_FORM', 'v1', now(), 'test')""").param("id", id).update();
        String csv = mvc.perform(get("/customers.csv").with(as(agent))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("'=HYPERLINK(").doesNotContain("," + FORMULA).doesNotContain(",\"" + FORMULA);
    }

    @Test
    void payloadsInTheInteractionFormAreStoredVerbatimAndRenderedEscaped() throws Exception {
        long customer = new BookFixtures(jdbc).individual("互动客户", agent.agentId());
        String outcome = SCRIPT + IMAGE + SQL + FORMULA;
        mvc.perform(post("/customers/{id}/interactions", customer).with(as(agent)).with(csrf())
                        .param("type", "CONSULTATION").param("channel", "PHONE").param("occurredAt", "2026-01-05T10:00")
                        .param("outcome", outcome))
                .andExpect(status().is3xxRedirection());
        assertThat(cipher.open(jdbc.sql("select outcome from interaction where customer_id = :id").param("id", customer)
                .query(String.class).single())).as("stored sealed, opened verbatim").isEqualTo(outcome);

        for (String page : new String[] {"/customers/" + customer, "/customers/" + customer + "/interactions"}) {
            String html = mvc.perform(get(page).with(as(agent))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).as(page).doesNotContain(SCRIPT).doesNotContain("<img src=x")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
    }

    @Test
    void noTemplateWritesUnescapedText() throws IOException {
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            assertThat(templates.filter(path -> path.toString().endsWith(".html")))
                    .allSatisfy(path -> assertThat(Files.readString(path)).as(path.toString())
                            .doesNotContain("th:utext").doesNotContain("[(${"));
        }
    }
}
