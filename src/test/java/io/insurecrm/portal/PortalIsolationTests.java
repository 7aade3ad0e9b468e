package io.insurecrm.portal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * A customer can never see another customer's data: every portal endpoint that takes an id, called by a signed-in
 * customer with the ids of someone else's policy, claim and photo, answers 404 and shows none of it; the endpoints
 * without an id show only the caller's own rows. The endpoints are found from the running application, so a new one
 * is checked without touching this test.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PortalIsolationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RecordingOtpSender codes;
    @Autowired
    ApplicationContext context;
    @Autowired
    io.insurecrm.loyalty.LoyaltyEvaluation evaluation;
    @Autowired
    io.insurecrm.loyalty.Redemptions redemptions;

    @Test
    void guessingAnotherCustomersIdsOnEveryPortalEndpointFindsNothing() throws Exception {
        PortalFixture fixture = new PortalFixture(jdbc);
        long victim = fixture.customer("受害客户");
        long policy = fixture.policyDueForRenewal(victim);
        long claim = fixture.book.claim(policy, LocalDate.now().minusDays(3), "900", "REPORTED");
        long photo = jdbc.sql("""
                        insert into portal_claim_photo (claim_id, customer_id, file_name, content_type, size_bytes, content, uploaded_at)
                        values (:c, :v, 'secret.png', 'image/png', 3, '\\x010203', now()) returning id""")
                .param("c", claim).param("v", victim).query(Long.class).single();
        // the victim is a Silver member with a booked water-leak inspection
        long home = fixture.book.product("隔离家财险", "Isolation home", "HOME_PROPERTY", null);
        fixture.book.policy(victim, home, "ACTIVE", LocalDate.now().minusMonths(1), LocalDate.now().plusMonths(11), "400");
        evaluation.evaluate(List.of(victim), LocalDate.now());
        long booking = redemptions.redeem(victim, "LEAK_INSPECTION", "iso-" + victim, io.insurecrm.loyalty.Redemptions.Channel.API,
                "customer:" + victim, "portal").id();
        List<String> markers = List.of("受害客户", fixture.book.policyNumber(policy),
                jdbc.sql("select claim_number from claim where id = :id").param("id", claim).query(String.class).single());
        long stranger = fixture.customer("好奇客户");
        fixture.policyNotDue(stranger);
        MockHttpSession session = PortalFixture.signIn(mvc, codes, fixture.phone(stranger));

        List<String> leaks = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (String endpoint : portalEndpoints()) {
            String verb = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            if (path.startsWith("/portal/login")) {
                continue;
            }
            String url = path.replace("{claimId}", String.valueOf(claim)).replace("{photoId}", String.valueOf(photo))
                    .replace("{id}", String.valueOf(path.contains("/member/bookings") ? booking
                            : path.startsWith("/portal/claims") ? claim : policy));
            var response = mvc.perform(request(HttpMethod.valueOf(verb), url).session(session).with(csrf())).andReturn().getResponse();
            String body = response.getContentAsString(StandardCharsets.UTF_8);
            boolean shows = markers.stream().anyMatch(body::contains);
            boolean takesId = path.contains("{");
            boolean ok = takesId ? response.getStatus() == 404 : response.getStatus() < 500;
            if (!ok || shows) {
                leaks.add(endpoint + ": got " + response.getStatus() + (shows ? " showing the other customer's rows" : ""));
            }
            checked.add(endpoint);
        }
        // a claim on someone else's policy is refused as an unknown policy, and nothing is written
        var claimed = mvc.perform(multipart("/portal/claims").session(session).with(csrf())
                .param("policyId", String.valueOf(policy)).param("incidentDate", LocalDate.now().minusDays(1).toString())
                .param("amount", "100")).andReturn().getResponse();
        assertThat(claimed.getContentAsString(StandardCharsets.UTF_8)).contains("保单");
        assertThat(jdbc.sql("select count(*) from claim where policy_id = :p").param("p", policy).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from policy where renews_policy_id = :p").param("p", policy).query(Integer.class).single())
                .as("no renewal of someone else's policy").isZero();
        assertThat(checked).contains("GET /portal/policies/{id}", "GET /portal/claims/{id}", "POST /portal/policies/{id}/renewal",
                "GET /portal/claims/{claimId}/photos/{photoId}", "GET /api/portal/my-data", "GET /portal/member",
                "GET /api/portal/member", "GET /api/portal/member/bookings/{id}");
        // the stranger is no member: his member centre shows none of the victim's tier or booking
        String mine = mvc.perform(request(HttpMethod.GET, "/api/portal/member").session(session)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(mine).contains("\"tier\":\"NONE\"", "\"member\":null", "\"bookings\":[]", "\"ledger\":[]");
        assertThat(leaks).as(String.join("\n", leaks)).isEmpty();
    }

    private Set<String> portalEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            mapping.getHandlerMethods().forEach((info, method) -> {
                for (String pattern : info.getPatternValues()) {
                    if (pattern.equals("/portal") || pattern.startsWith("/portal/") || pattern.startsWith("/api/portal/")) {
                        info.getMethodsCondition().getMethods().forEach(verb -> endpoints.add(verb.name() + " " + pattern));
                    }
                }
            });
        }
        return endpoints;
    }
}
