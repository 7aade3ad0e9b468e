package io.insurecrm;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * The authorisation matrix: {@code src/test/resources/authorisation-matrix.csv} names every endpoint of the
 * application (method, path pattern, and {@code ?param} when a mapping is selected by a request parameter) and, per
 * role, ALLOW or DENY. This test finds every handler mapping of the running application, fails when one is missing
 * from the table or the table names one that is gone, then calls every endpoint as every role — with ids of rows in
 * the caller's data scope — and compares: DENY must answer 403, ALLOW must answer neither 401 nor 403.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuthorisationMatrixTests {

    private static final String TABLE = "authorisation-matrix.csv";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    long branchId;
    long agentId;
    long customerId;
    long policyId;
    long claimId;

    @BeforeEach
    void aSmallBook() {
        BookFixtures book = new BookFixtures(jdbc);
        branchId = book.branch("33");
        agentId = book.agent(branchId);
        customerId = book.individual("矩阵客户", agentId);
        long product = book.product("矩阵医疗险", "Matrix medical", "MEDICAL", "BASIC");
        policyId = book.policy(customerId, product, "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "1200");
        claimId = book.claim(policyId, LocalDate.of(2026, 6, 1), "300", "REPORTED");
        // consent for every purpose, so that only roles (never a missing consent) can refuse a call
        jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        select :customer, purpose, true, 'PAPER_FORM', 'matrix', now(), 'matrix'
                          from unnest(array['SERVICE','MARKETING','ANALYTICS','SENSITIVE_DATA']) purpose""")
                .param("customer", customerId).update();
    }

    @Test
    void theTableNamesEveryEndpointAndNothingElse() throws IOException {
        Set<String> endpoints = endpoints();
        Map<String, Map<Role, Boolean>> table = table();
        List<String> problems = new ArrayList<>();
        for (String endpoint : endpoints) {
            if (!table.containsKey(endpoint)) {
                problems.add("missing endpoint: add this row to src/test/resources/" + TABLE
                        + " and set ALLOW for the roles that may call it:\n    " + endpoint.replace(' ', ',')
                        + ",DENY,DENY,DENY,DENY,DENY,DENY");
            }
        }
        for (String row : table.keySet()) {
            if (!endpoints.contains(row)) {
                problems.add("stale row: no endpoint answers to '" + row.replace(' ', ',') + "' any more; remove it from " + TABLE);
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void everyRoleGetsExactlyWhatTheTableSays() throws Exception {
        Map<String, Map<Role, Boolean>> table = table();
        Set<String> endpoints = endpoints();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Map<Role, Boolean>> row : table.entrySet()) {
            if (!endpoints.contains(row.getKey())) {
                continue; // the other test reports it
            }
            for (Role role : Role.values()) {
                boolean allowed = row.getValue().get(role);
                int status = mvc.perform(requestFor(row.getKey(), role)).andReturn().getResponse().getStatus();
                boolean denied = status == 401 || status == 403;
                if (allowed == denied || (!allowed && status != 403)) {
                    mismatches.add(row.getKey() + " as " + role + ": expected " + (allowed ? "ALLOW (not 401/403)" : "DENY (403)")
                            + " but got " + status);
                }
            }
        }
        assertThat(mismatches).as(String.join("\n", mismatches)).isEmpty();
    }

    /**
     * Guessing ids: every GET endpoint that takes an id (in the path or a selecting parameter), called with the ids of
     * this book by an agent and a branch manager from elsewhere, answers 404 — or 403 where the role is denied anyway
     * — and never shows the customer, his policy or his claim. Lists selected by a parameter (a customer's policies,
     * a policy's claims) may instead answer 200 with nothing in them: the policy and claim modules filter such lists
     * by scope rather than refusing them.
     */
    @Test
    void guessedIdsOutsideTheScopeAreNotFound() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long otherBranch = book.branch("11");
        long otherAgent = book.agent(otherBranch);
        Map<String, Map<Role, Boolean>> table = table();
        List<String> markers = List.of("矩阵客户", book.policyNumber(policyId),
                jdbc.sql("select claim_number from claim where id = :id").param("id", claimId).query(String.class).single());
        List<String> leaks = new ArrayList<>();
        for (String endpoint : endpoints()) {
            boolean takesAnId = endpoint.contains("{") || endpoint.contains("?");
            if (!endpoint.startsWith("GET ") || !takesAnId || !table.containsKey(endpoint)) {
                continue;
            }
            for (StaffPrincipal stranger : List.of(
                    new StaffPrincipal(901L, "stranger-agent", "{noop}x", "外人", Role.AGENT, otherAgent, null, true),
                    new StaffPrincipal(902L, "stranger-manager", "{noop}x", "外人", Role.BRANCH_MANAGER, null, otherBranch, true))) {
                var response = mvc.perform(requestFor(endpoint, stranger)).andReturn().getResponse();
                int expected = table.get(endpoint).get(stranger.role()) ? 404 : 403;
                String body = response.getContentAsString(StandardCharsets.UTF_8);
                boolean shows = markers.stream().anyMatch(body::contains);
                boolean emptyList = endpoint.contains("?") || endpoint.contains("/fragments/");
                boolean refused = response.getStatus() == expected || (emptyList && response.getStatus() == 200);
                if (!refused || shows) {
                    leaks.add(endpoint + " as a " + stranger.role() + " from elsewhere: expected " + expected + " but got "
                            + response.getStatus() + (shows ? " showing the book's rows" : ""));
                }
            }
        }
        assertThat(leaks).as(String.join("\n", leaks)).isEmpty();
    }

    /** Every endpoint as "METHOD /path/{var}" or "METHOD /path?param"; a mapping for any method is "ANY". */
    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            mapping.getHandlerMethods().forEach((info, method) -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                String params = info.getParamsCondition().getExpressions().stream().map(Object::toString).sorted()
                        .collect(Collectors.joining("&"));
                for (String pattern : info.getPatternValues()) {
                    for (String verb : methods.isEmpty() ? Set.of("ANY") : methods.stream().map(Enum::name).collect(Collectors.toSet())) {
                        endpoints.add(verb + " " + pattern + (params.isEmpty() ? "" : "?" + params));
                    }
                }
            });
        }
        return endpoints;
    }

    private static Map<String, Map<Role, Boolean>> table() throws IOException {
        Map<String, Map<Role, Boolean>> table = new TreeMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource(TABLE).getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = List.of(line.split(",", -1)).stream().map(String::strip).toList();
                if (header == null) {
                    header = cells;
                    assertThat(header.subList(2, header.size())).as("roles in the header of " + TABLE)
                            .containsExactly(java.util.Arrays.stream(Role.values()).map(Enum::name).toArray(String[]::new));
                    continue;
                }
                assertThat(cells).as(TABLE + " line " + number + " needs method, path and one cell per role").hasSize(header.size());
                Map<Role, Boolean> rights = new EnumMap<>(Role.class);
                for (int i = 2; i < cells.size(); i++) {
                    assertThat(cells.get(i)).as(TABLE + " line " + number).isIn("ALLOW", "DENY");
                    rights.put(Role.valueOf(header.get(i)), cells.get(i).equals("ALLOW"));
                }
                String key = cells.get(0) + " " + cells.get(1);
                assertThat(table.put(key, rights)).as(TABLE + " line " + number + " repeats " + key).isNull();
            }
        }
        return table;
    }

    private MockHttpServletRequestBuilder requestFor(String endpoint, Role role) {
        StaffPrincipal staff = switch (role) {
            case AGENT, ADVISOR -> new StaffPrincipal(900L, "matrix-" + role, "{noop}x", "矩阵", role, agentId, null, true);
            case BRANCH_MANAGER -> new StaffPrincipal(900L, "matrix-" + role, "{noop}x", "矩阵", role, null, branchId, true);
            default -> new StaffPrincipal(900L, "matrix-" + role, "{noop}x", "矩阵", role, null, null, true);
        };
        return requestFor(endpoint, staff);
    }

    private MockHttpServletRequestBuilder requestFor(String endpoint, StaffPrincipal staff) {
        String verb = endpoint.substring(0, endpoint.indexOf(' '));
        String target = endpoint.substring(endpoint.indexOf(' ') + 1);
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        Map<String, String> params = new LinkedHashMap<>();
        if (target.contains("?")) {
            for (String expression : target.substring(target.indexOf('?') + 1).split("&")) {
                if (!expression.startsWith("!")) {
                    String name = expression.contains("=") ? expression.substring(0, expression.indexOf('=')) : expression;
                    params.put(name, expression.contains("=") ? expression.substring(expression.indexOf('=') + 1) : idFor(name, path));
                }
            }
        }
        Matcher variables = VARIABLE.matcher(path);
        StringBuilder url = new StringBuilder();
        while (variables.find()) {
            variables.appendReplacement(url, idFor(variables.group(1), path));
        }
        variables.appendTail(url);
        HttpMethod method = verb.equals("ANY") ? HttpMethod.GET : HttpMethod.valueOf(verb);
        MockHttpServletRequestBuilder builder = request(method, url.toString())
                .with(authentication(UsernamePasswordAuthenticationToken.authenticated(staff, null, staff.getAuthorities())))
                .with(csrf());
        params.forEach(builder::param);
        if (path.startsWith("/api/") && (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH)) {
            builder.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        return builder;
    }

    /**
     * An id in the caller's scope for a path variable or parameter: by its name, or for {@code {id}} by the first
     * segment of the path. A new kind of resource needs a row here and one in {@link #aSmallBook()}.
     */
    private String idFor(String name, String path) {
        String resource = name.equals("id") ? path.replaceFirst("^/api", "").split("/")[1] : name;
        return String.valueOf(switch (resource) {
            case "customerId", "customers" -> customerId;
            case "policyId", "policies" -> policyId;
            case "claimId", "claims" -> claimId;
            case "day" -> "2030-01-07";
            default -> customerId;
        });
    }
}
