package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** API tokens bound to one branch's data scope, and token rotation (docs/privacy.md section 6). */
@SpringBootTest
@AutoConfigureMockMvc
class ApiTokenScopeAndRotationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    long branchA;
    long branchB;
    long customerA;
    long customerB;
    String nameA;
    String nameB;

    @BeforeEach
    void twoBranches() {
        BookFixtures book = new BookFixtures(jdbc);
        branchA = book.branch("33", "令牌甲市");
        branchB = book.branch("44", "令牌乙市");
        nameA = BookFixtures.unique("甲机构客户");
        customerA = book.individual(nameA, book.agent(branchA));
        nameB = BookFixtures.unique("乙机构客户");
        customerB = book.individual(nameB, book.agent(branchB));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(MvcResult result) throws Exception {
        return JSON.readValue(result.getResponse().getContentAsString(StandardCharsets.UTF_8), Map.class);
    }

    private Map<String, Object> create(String body) throws Exception {
        return json(mvc.perform(post("/api/privacy/tokens").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> token(Map<String, Object> created) {
        return (Map<String, Object>) created.get("token");
    }

    private static long id(Map<String, Object> created) {
        return ((Number) token(created).get("id")).longValue();
    }

    private static String bearer(Map<String, Object> created) {
        return "Bearer " + created.get("secret");
    }

    @Test
    void aBranchBoundTokenSeesItsBranchOnlyAndOtherCustomersAreNotFound() throws Exception {
        Map<String, Object> created = create("{\"name\": \"甲机构同步\", \"scopes\": [\"customers:read\"], \"branchId\": " + branchA + "}");
        assertThat(token(created).get("branchId")).isEqualTo((int) branchA);
        assertThat(token(created).get("branchName")).isEqualTo("令牌甲市分公司");
        assertThat(jdbc.sql("select branch_id from api_token where id = :id").param("id", id(created)).query(Long.class).single())
                .isEqualTo(branchA);

        mvc.perform(get("/api/customers/{id}", customerA).header("Authorization", bearer(created)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value(nameA));
        mvc.perform(get("/api/customers/{id}", customerB).header("Authorization", bearer(created)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/customers/{id}/360", customerB).header("Authorization", bearer(created)))
                .andExpect(status().isNotFound());
        // the search lists its branch's customers only
        assertThat(mvc.perform(get("/api/customers").param("q", nameA).header("Authorization", bearer(created)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(nameA);
        assertThat(mvc.perform(get("/api/customers").param("q", nameB).header("Authorization", bearer(created)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain(nameB);

        // a whole-book token (today's behaviour) sees both
        Map<String, Object> whole = create("{\"name\": \"全部同步\", \"scopes\": [\"customers:read\"]}");
        assertThat(token(whole).get("branchId")).isNull();
        mvc.perform(get("/api/customers/{id}", customerB).header("Authorization", bearer(whole))).andExpect(status().isOk());

        // the creation names the branch in the audit trail
        assertThat(jdbc.sql("select reason from audit_event where action = 'TOKEN_CREATED' and reason like :r")
                .param("r", "token " + id(created) + " %").query(String.class).single()).contains("branch " + branchA);
    }

    @Test
    void anUnknownBranchIsRefusedOnTheFieldAndNothingIsCreated() throws Exception {
        long before = jdbc.sql("select count(*) from api_token").query(Long.class).single();
        mvc.perform(post("/api/privacy/tokens").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"坏机构\", \"scopes\": [\"customers:read\"], \"branchId\": 987654321}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("branchId"))
                .andExpect(jsonPath("$.errors[0].message").value("机构 987654321 不存在，无法将令牌限定于该机构"));
        String page = mvc.perform(post("/privacy/tokens").with(Staff.admin()).with(csrf()).param("name", "页面坏机构")
                        .param("scopes", "customers:read").param("branchId", "987654321"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("机构 987654321 不存在").doesNotContain("id=\"token-secret\"");
        assertThat(jdbc.sql("select count(*) from api_token").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void thePageBindsATokenToABranchAndShowsIt() throws Exception {
        String page = mvc.perform(post("/privacy/tokens").with(Staff.admin()).with(csrf()).param("name", "页面机构令牌")
                        .param("scopes", "customers:read").param("branchId", String.valueOf(branchB)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"token-secret\"").contains("令牌乙市分公司");
        assertThat(jdbc.sql("select branch_id from api_token where name = '页面机构令牌' order by id desc limit 1")
                .query(Long.class).single()).isEqualTo(branchB);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rotatingNowCreatesTheSuccessorWithTheSameSettingsAndRevokesTheOldOne() throws Exception {
        Map<String, Object> old = create("{\"name\": \"轮换令牌\", \"scopes\": [\"customers:read\", \"policies:read\"], "
                + "\"validDays\": 30, \"requestsPerMinute\": 77, \"branchId\": " + branchA + "}");
        mvc.perform(get("/api/customers/{id}", customerA).header("Authorization", bearer(old))).andExpect(status().isOk());

        Map<String, Object> rotated = json(mvc.perform(post("/api/privacy/tokens/{id}/rotation", id(old)).with(Staff.admin()))
                .andExpect(status().isCreated()).andReturn());
        @SuppressWarnings("unchecked")
        Map<String, Object> successor = (Map<String, Object>) rotated.get("successor");
        Map<String, Object> next = token(successor);
        assertThat(next.get("name")).isEqualTo("轮换令牌");
        assertThat((List<Object>) next.get("scopes")).containsExactlyInAnyOrder("customers:read", "policies:read");
        assertThat(next.get("requestsPerMinute")).isEqualTo(77);
        assertThat(next.get("branchId")).isEqualTo((int) branchA);
        assertThat(((Number) next.get("rotatedFrom")).longValue()).isEqualTo(id(old));
        assertThat(successor.get("secret")).isNotEqualTo(old.get("secret"));
        assertThat(Instant.parse((String) next.get("expiresAt"))).isBetween(Instant.now().plus(29, ChronoUnit.DAYS),
                Instant.now().plus(31, ChronoUnit.DAYS));

        mvc.perform(get("/api/customers/{id}", customerA).header("Authorization", bearer(old)))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value("token revoked"));
        mvc.perform(get("/api/customers/{id}", customerA).header("Authorization", bearer(successor))).andExpect(status().isOk());
        mvc.perform(get("/api/customers/{id}", customerB).header("Authorization", bearer(successor))).andExpect(status().isNotFound());

        List<String> trail = jdbc.sql("""
                        select action || ' ' || reason from audit_event
                        where action in ('TOKEN_CREATED','TOKEN_REVOKED') and (reason like :old or reason like :next) order by seq""")
                .param("old", "token " + id(old) + " %").param("next", "token " + next.get("id") + " %").query(String.class).list();
        assertThat(trail).hasSize(3);
        assertThat(trail.get(1)).startsWith("TOKEN_CREATED token " + next.get("id")).contains("successor of token " + id(old));
        assertThat(trail.get(2)).startsWith("TOKEN_REVOKED token " + id(old)).contains("rotated to token " + next.get("id"))
                .endsWith("revoked now");

        // rotated once: a second rotation of the old token is refused, nothing created
        long count = jdbc.sql("select count(*) from api_token").query(Long.class).single();
        mvc.perform(post("/api/privacy/tokens/{id}/rotation", id(old)).with(Staff.admin()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("tokens.rotate.revoked"));
        assertThat(jdbc.sql("select count(*) from api_token").query(Long.class).single()).isEqualTo(count);
    }

    @Test
    void rotatingWithAnOverlapKeepsBothWorkingUntilTheOldOneIsRevoked() throws Exception {
        Map<String, Object> old = create("{\"name\": \"重叠令牌\", \"scopes\": [\"customers:read\"]}");
        Instant at = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> rotated = json(mvc.perform(post("/api/privacy/tokens/{id}/rotation", id(old)).with(Staff.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"revokeAt\": \"" + at + "\"}"))
                .andExpect(status().isCreated()).andReturn());
        @SuppressWarnings("unchecked")
        Map<String, Object> successor = (Map<String, Object>) rotated.get("successor");
        @SuppressWarnings("unchecked")
        Map<String, Object> previous = (Map<String, Object>) rotated.get("previous");
        assertThat(Instant.parse((String) previous.get("revokedAt"))).isEqualTo(at);

        mvc.perform(get("/api/customers/{id}", customerB).header("Authorization", bearer(old))).andExpect(status().isOk());
        mvc.perform(get("/api/customers/{id}", customerB).header("Authorization", bearer(successor))).andExpect(status().isOk());
        // an old token in its overlap cannot be rotated again
        mvc.perform(post("/api/privacy/tokens/{id}/rotation", id(old)).with(Staff.admin()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("tokens.rotate.scheduled"));
        // when the time comes (moved into the past here), the old token is refused, the successor goes on
        jdbc.sql("update api_token set revoked_at = now() - interval '1 minute' where id = :id").param("id", id(old)).update();
        mvc.perform(get("/api/customers/{id}", customerB).header("Authorization", bearer(old)))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value("token revoked"));
        mvc.perform(get("/api/customers/{id}", customerB).header("Authorization", bearer(successor))).andExpect(status().isOk());
    }

    @Test
    void revokingATokenInItsOverlapRevokesItAtOnce() throws Exception {
        Map<String, Object> old = create("{\"name\": \"提前吊销\", \"scopes\": [\"customers:read\"]}");
        mvc.perform(post("/api/privacy/tokens/{id}/rotation", id(old)).with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"revokeAt\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")).andExpect(status().isCreated());
        mvc.perform(post("/api/privacy/tokens/{id}/revocation", id(old)).with(Staff.admin())).andExpect(status().isOk());
        mvc.perform(get("/api/customers/{id}", customerB).header("Authorization", bearer(old))).andExpect(status().isUnauthorized());
    }

    @Test
    void badRotationsAreRefusedAndChangeNothing() throws Exception {
        Map<String, Object> old = create("{\"name\": \"坏轮换\", \"scopes\": [\"customers:read\"]}");
        long count = jdbc.sql("select count(*) from api_token").query(Long.class).single();
        for (String revokeAt : List.of(Instant.now().plus(8, ChronoUnit.DAYS).toString(), Instant.now().minus(1, ChronoUnit.DAYS).toString())) {
            mvc.perform(post("/api/privacy/tokens/{id}/rotation", id(old)).with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"revokeAt\": \"" + revokeAt + "\"}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("revokeAt"));
        }
        mvc.perform(post("/api/privacy/tokens/{id}/rotation", id(old)).with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"revokeAt\": \"next tuesday\"}")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/privacy/tokens/{id}/rotation", 987654321L).with(Staff.admin())).andExpect(status().isNotFound());
        mvc.perform(post("/api/privacy/tokens/{id}/rotation", id(old)).with(Staff.as(io.insurecrm.platform.security.Role.COMPLIANCE, null, null)))
                .andExpect(status().isForbidden());
        Map<String, Object> expired = create("{\"name\": \"过期轮换\", \"scopes\": [\"customers:read\"]}");
        jdbc.sql("update api_token set created_at = now() - interval '3 days', expires_at = now() - interval '1 day' where id = :id")
                .param("id", id(expired)).update();
        mvc.perform(post("/api/privacy/tokens/{id}/rotation", id(expired)).with(Staff.admin()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("tokens.rotate.expired"));
        assertThat(jdbc.sql("select count(*) from api_token").query(Long.class).single()).isEqualTo(count + 1);
        assertThat(jdbc.sql("select revoked_at is null from api_token where id = :id").param("id", id(old)).query(Boolean.class).single())
                .as("the old token is not revoked").isTrue();
        // the page refuses a time too far ahead on its field, and rotates with a time in the overlap
        String refused = mvc.perform(post("/privacy/tokens/{id}/rotation", id(old)).with(Staff.admin()).with(csrf())
                        .param("revokeAt", java.time.LocalDateTime.now().plusDays(9).withNano(0).toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("旧令牌的吊销时间须在现在到 7 天之内").doesNotContain("id=\"token-secret\"");
        String page = mvc.perform(post("/privacy/tokens/{id}/rotation", id(old)).with(Staff.admin()).with(csrf())
                        .param("revokeAt", java.time.LocalDateTime.now().plusDays(1).withNano(0).toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"token-secret\"").contains("id=\"token-rotated\"").contains("接替令牌 " + id(old));
    }
}
