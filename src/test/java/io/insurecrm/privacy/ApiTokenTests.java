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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class ApiTokenTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    long agent;
    long customer;
    long policy;

    @BeforeEach
    void aCustomer() {
        BookFixtures book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        customer = book.individual("令牌测试客户", agent);
        long product = book.product("令牌医疗险", "Token medical", "MEDICAL", "BASIC");
        policy = book.policy(customer, product, "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "1200");
    }

    private Map<String, Object> create(String name, String scopes, int days) throws Exception {
        MvcResult result = mvc.perform(post("/api/privacy/tokens").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"" + name + "\", \"scopes\": [" + scopes + "], \"validDays\": " + days + "}"))
                .andExpect(status().isCreated()).andReturn();
        return JsonMapper.builder().build().readValue(result.getResponse().getContentAsString(StandardCharsets.UTF_8), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static String secret(Map<String, Object> created) {
        return (String) created.get("secret");
    }

    @SuppressWarnings("unchecked")
    private static long id(Map<String, Object> created) {
        return ((Number) ((Map<String, Object>) created.get("token")).get("id")).longValue();
    }

    private List<Map<String, Object>> trail(String actorPrefix) {
        return jdbc.sql("select action, actor_role, reason, customer_id from audit_event where actor like :a order by seq")
                .param("a", actorPrefix + "%").query().listOfRows();
    }

    @Test
    void aTokenReadsWithinItsScopesStatelesslyAndEveryUseIsAudited() throws Exception {
        Map<String, Object> created = create("CRM同步", "\"customers:read\"", 30);
        String secret = secret(created);
        long id = id(created);
        assertThat(secret).startsWith("icrm_").hasSizeGreaterThan(40);
        Map<String, Object> stored = jdbc.sql("select * from api_token where id = :id").param("id", id).query().singleRow();
        assertThat(stored.get("token_hash")).isEqualTo(ApiTokens.sha256(secret));
        assertThat(stored.values()).doesNotContain(secret);

        MvcResult read = mvc.perform(get("/api/customers/{id}", customer).header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("令牌测试客户")).andReturn();
        assertThat(read.getRequest().getSession(false)).as("no session for a bearer request").isNull();
        assertThat(read.getResponse().getHeader("Set-Cookie")).isNull();
        assertThat(jdbc.sql("select last_used_at from api_token where id = :id").param("id", id).query(Object.class).single()).isNotNull();
        List<Map<String, Object>> trail = trail("token:" + id + ":");
        assertThat(trail).extracting(r -> r.get("action")).containsExactly("TOKEN_USED", "VIEW_CUSTOMER_API");
        assertThat(trail).extracting(r -> r.get("actor_role")).containsOnly("INTEGRATION");
        assertThat(trail.get(0).get("reason")).isEqualTo("GET /api/customers/" + customer);

        // outside its scopes: another resource, a write, the audit trail, the token admin API
        for (var request : List.of(get("/api/policies/{id}", policy), post("/api/customers").contentType(MediaType.APPLICATION_JSON).content("{}"),
                get("/api/audit/events"), get("/api/privacy/tokens"), get("/api/customers/{id}/interactions", customer))) {
            mvc.perform(request.header("Authorization", "Bearer " + secret))
                    .andExpect(status().isForbidden())
                    .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("insufficient_scope")));
        }
        mvc.perform(get("/api/policies/{id}", policy).header("Authorization", "Bearer " + secret))
                .andExpect(jsonPath("$.detail").value("scope policies:read needed for GET /api/policies/" + policy));
        assertThat(trail("token:" + id + ":")).extracting(r -> r.get("action")).filteredOn("TOKEN_REFUSED"::equals).hasSize(6);
    }

    @Test
    void unknownExpiredAndRevokedTokensAreRefusedAndAudited() throws Exception {
        mvc.perform(get("/api/customers/{id}", customer).header("Authorization", "Bearer icrm_nosuchtoken"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")))
                .andExpect(jsonPath("$.detail").value("unknown token"));

        Map<String, Object> expiring = create("过期令牌", "\"customers:read\"", 1);
        jdbc.sql("update api_token set created_at = now() - interval '3 days', expires_at = now() - interval '1 day' where id = :id")
                .param("id", id(expiring)).update();
        mvc.perform(get("/api/customers/{id}", customer).header("Authorization", "Bearer " + secret(expiring)))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value("token expired"));

        Map<String, Object> revoked = create("吊销令牌", "\"customers:read\", \"policies:read\"", 10);
        mvc.perform(get("/api/policies/{id}", policy).header("Authorization", "Bearer " + secret(revoked))).andExpect(status().isOk());
        mvc.perform(post("/api/privacy/tokens/{id}/revocation", id(revoked)).with(Staff.admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.revokedBy").value("admin"));
        mvc.perform(get("/api/policies/{id}", policy).header("Authorization", "Bearer " + secret(revoked)))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value("token revoked"));

        assertThat(trail("token:" + id(expiring) + ":")).extracting(r -> r.get("reason").toString()).anyMatch(r -> r.startsWith("token expired"));
        assertThat(jdbc.sql("select count(*) from audit_event where action in ('TOKEN_CREATED','TOKEN_REVOKED') and reason like :r")
                .param("r", "token " + id(revoked) + " %").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aTokenAboveItsRequestRateIsAnswered429WithRetryAfterAndTheFirstRefusalOfTheMinuteIsAudited() throws Exception {
        MvcResult result = mvc.perform(post("/api/privacy/tokens").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"限速令牌\", \"scopes\": [\"customers:read\"], \"validDays\": 5, "
                                + "\"requestsPerMinute\": 3}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.token.requestsPerMinute").value(3)).andReturn();
        Map<String, Object> created = JsonMapper.builder().build()
                .readValue(result.getResponse().getContentAsString(StandardCharsets.UTF_8), Map.class);
        String bearer = "Bearer " + secret(created);
        // the minute may turn during the test: then the count starts again, so keep asking until refused
        int granted = 0;
        MvcResult refused = null;
        for (int i = 0; i < 8 && refused == null; i++) {
            MvcResult answer = mvc.perform(get("/api/customers/{id}", customer).header("Authorization", bearer)).andReturn();
            if (answer.getResponse().getStatus() == 429) {
                refused = answer;
            } else {
                assertThat(answer.getResponse().getStatus()).isEqualTo(200);
                granted++;
            }
        }
        assertThat(refused).as("refused after 3 requests in a minute").isNotNull();
        assertThat(granted).isBetween(3, 6);
        int retryAfter = Integer.parseInt(refused.getResponse().getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(refused.getResponse().getHeader("WWW-Authenticate")).contains("rate_limited");
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("more than 3 requests this minute").contains("\"status\":429");
        mvc.perform(get("/api/customers/{id}", customer).header("Authorization", bearer)).andExpect(status().isTooManyRequests());
        assertThat(trail("token:" + id(created) + ":")).extracting(r -> r.get("action"))
                .filteredOn("TOKEN_REFUSED"::equals).as("one refusal on record, not one per request").hasSize(1);

        mvc.perform(post("/api/privacy/tokens").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"scopes\": [\"customers:read\"], \"requestsPerMinute\": 0}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("requestsPerMinute"));
    }

    @Test
    void onlyAdminsManageTokensAndBadInputIsNamed() throws Exception {
        mvc.perform(post("/api/privacy/tokens").with(Staff.as(Role.COMPLIANCE, null, null)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"x\", \"scopes\": [\"customers:read\"]}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/privacy/tokens").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"scopes\": [\"everything:write\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("scopes"));
        mvc.perform(post("/api/privacy/tokens").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"scopes\": [\"customers:read\"], \"validDays\": 0}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("validDays"));
        // the page shows the new token once
        String page = mvc.perform(post("/privacy/tokens").with(Staff.admin())
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("name", "页面令牌").param("scopes", "metrics:read").param("validDays", "7"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"token-secret\"").containsPattern("icrm_[A-Za-z0-9_-]{40,}");
        String list = mvc.perform(get("/privacy/tokens").with(Staff.admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("页面令牌").doesNotContainPattern("icrm_[A-Za-z0-9_-]{40,}");
    }

    @Test
    void staffSessionsAndBasicAuthKeepWorkingOnTheApi() throws Exception {
        mvc.perform(get("/api/customers/{id}", customer).with(Staff.agent(agent))).andExpect(status().isOk());
        mvc.perform(get("/api/customers/{id}", customer)).andExpect(status().isUnauthorized());
    }
}
