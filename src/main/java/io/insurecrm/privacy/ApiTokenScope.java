package io.insurecrm.privacy;

import java.util.List;
import org.springframework.util.AntPathMatcher;

/**
 * What an API token may call. Each scope names the requests it opens (method and path pattern); a bearer request
 * that no scope of its token opens is refused with 403 — everything not listed here is closed to integrations.
 */
public enum ApiTokenScope {
    CUSTOMERS_READ("customers:read", List.of("GET /api/customers", "GET /api/customers/*", "GET /api/customers/*/360",
            "GET /api/customers/*/household", "GET /api/customers/*/consents", "GET /api/segments/customers/*")),
    POLICIES_READ("policies:read", List.of("GET /api/policies", "GET /api/policies/*")),
    CLAIMS_READ("claims:read", List.of("GET /api/claims", "GET /api/claims/*")),
    INTERACTIONS_READ("interactions:read", List.of("GET /api/customers/*/interactions")),
    INTERACTIONS_WRITE("interactions:write", List.of("POST /api/customers/*/interactions")),
    IMPORTS_WRITE("imports:write", List.of("GET /api/imports", "POST /api/imports", "GET /api/imports/*",
            "GET /api/imports/*/errors", "GET /api/imports/*/errors.csv", "POST /api/imports/*/commit",
            "POST /api/imports/*/cancel", "GET /api/imports/profiles/*")),
    METRICS_READ("metrics:read", List.of("GET /api/metrics/**", "GET /api/segments/distribution",
            "GET /api/segments/migration", "GET /api/coil/summary"));

    private static final AntPathMatcher MATCHER = new AntPathMatcher();

    private final String value;
    private final List<String> requests;

    ApiTokenScope(String value, List<String> requests) {
        this.value = value;
        this.requests = requests;
    }

    public String value() {
        return value;
    }

    public boolean opens(String method, String path) {
        return requests.stream().anyMatch(request -> {
            int space = request.indexOf(' ');
            return request.substring(0, space).equalsIgnoreCase(method) && MATCHER.match(request.substring(space + 1), path);
        });
    }

    public static ApiTokenScope of(String value) {
        for (ApiTokenScope scope : values()) {
            if (scope.value.equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope " + value);
    }
}
