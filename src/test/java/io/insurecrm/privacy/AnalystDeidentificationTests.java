package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Analysts see de-identified data only: every endpoint the authorisation matrix opens to ANALYST is called (GETs, and
 * the POST previews that answer with data) with a planted customer in the book — holder of policies, head of a
 * household named after him, with a claim and a complaint — and no answer may hold his name, phone or ID number,
 * whole or in the usual partial forms.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AnalystDeidentificationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.insurecrm.metrics.Pseudonyms pseudonyms;
    @Autowired
    io.insurecrm.metrics.AnalystModel model;

    private void consent(long customer) {
        jdbc.sql("""
                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                values (:c, 'ANALYTICS', true, 'PAPER_FORM', 'v1', now(), 'test')""").param("c", customer).update();
    }

    @Test
    void noEndpointOpenToAnalystsShowsAPlantedCustomersIdentifiers() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("44"));
        String name = "种植客户甄十一";
        long customer = book.individual(name, agent);
        long household = book.household(name + "家庭", customer);
        long product = book.product("种植医疗险", "Planted medical", "MEDICAL", "BASIC");
        long policy = book.policy(customer, product, "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "2400");
        book.claim(policy, LocalDate.of(2026, 5, 1), "500", "REPORTED");
        book.interaction(customer, "COMPLAINT", BookFixtures.at("2026-04-01T09:00"), "投诉 " + name);
        // he consents to analytics, and four more customers share his age band, gender and region, so the
        // pseudonymised list (k = 5) shows him with his region: the walk must not find him there either
        consent(customer);
        for (int i = 0; i < 4; i++) {
            consent(book.individual("同组客户" + i, agent));
        }
        // the list reads the stored model: rebuilt over the book with him in it
        model.rebuildNow(io.insurecrm.metrics.ModelBuild.Trigger.MANUAL, "de-identification walk", "test");
        String phone = jdbc.sql("select phone from customer where id = :id").param("id", customer).query(String.class).single();
        String idNumber = jdbc.sql("select id_number from customer where id = :id").param("id", customer).query(String.class).single();
        String birthDate = jdbc.sql("select birth_date::text from customer where id = :id").param("id", customer).query(String.class).single();
        String policyNumber = book.policyNumber(policy);
        List<String> identifiers = List.of(name, "甄十一", phone, idNumber, idNumber.substring(0, 14), idNumber.substring(6, 17),
                birthDate, policyNumber);
        String pseudonym = pseudonyms.of(customer);
        List<String> listedHim = new ArrayList<>();

        List<String> called = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("authorisation-matrix.csv").getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            List<String> header = null;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (header == null) {
                    header = List.of(cells);
                    continue;
                }
                String method = cells[0];
                String path = cells[1];
                boolean analystMay = cells[header.indexOf("ANALYST")].equals("ALLOW");
                boolean reads = method.equals("GET") || method.equals("ANY") || path.endsWith("/preview");
                if (!analystMay || !reads || path.equals("/error") || path.equals("/login")) {
                    continue;
                }
                String bare = path.replaceAll("\\{[^}]+}", String.valueOf(customer)).replaceAll("\\?.*", "");
                for (String url : variants(bare)) {
                    MockHttpServletRequestBuilder call = request(method.equals("ANY") ? HttpMethod.GET : HttpMethod.valueOf(method), url)
                            .with(Staff.analyst()).with(csrf());
                    if (method.equals("POST")) {
                        call.contentType(MediaType.APPLICATION_JSON).content("{}");
                    }
                    var response = mvc.perform(call).andReturn().getResponse();
                    String body = response.getContentAsString(StandardCharsets.UTF_8);
                    called.add(method + " " + url + " -> " + response.getStatus());
                    if (body.contains(pseudonym)) {
                        listedHim.add(url);
                    }
                    for (String identifier : identifiers) {
                        if (body.contains(identifier)) {
                            leaks.add(method + " " + url + " shows " + identifier);
                        }
                    }
                }
            }
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/analyst-endpoints-walked.txt"), called);
        assertThat(called).as("the analyst endpoints walked").hasSizeGreaterThan(10);
        assertThat(called).as("answers with a body, not errors").filteredOn(c -> c.endsWith("-> 200")).hasSizeGreaterThan(10);
        assertThat(leaks).as(String.join("\n", leaks) + "\nwalked:\n" + String.join("\n", called)).isEmpty();
        assertThat(listedHim).as("the pseudonymised list (page, API, CSV) shows the planted customer, by pseudonym only")
                .contains("/analytics/customers?region=33&ageBand=40-49&size=200",
                        "/api/analytics/customers?region=33&ageBand=40-49&size=200", "/analytics/customers.csv?region=33");
        assertThat(household).isPositive();
    }

    /** The endpoint with the parameters that select its views (the household breakdown names households by their members). */
    private static List<String> variants(String url) {
        return switch (url) {
            case "/api/metrics/contracts-per-customer", "/metrics/contracts-per-customer.csv" ->
                    List.of(url, url + "?by=household", url + "?by=household&top=1000", url + "?by=region", url + "?by=agent", url + "?by=branch");
            case "/analytics/customers", "/api/analytics/customers" ->
                    List.of(url, url + "?region=33&ageBand=40-49&size=200", url + "?sort=policies&direction=desc&size=200");
            case "/analytics/customers.csv" -> List.of(url, url + "?region=33");
            case "/api/segments/distribution", "/api/segments/rules" -> List.of(url + "?dimension=VALUE", url + "?dimension=LIFE_STAGE");
            case "/api/segments/migration" -> List.of(url + "?dimension=VALUE&from=2026-01-01&to=2026-12-31",
                    url + "?dimension=LIFE_STAGE&from=2026-01-01&to=2026-12-31");
            default -> List.of(url);
        };
    }
}
