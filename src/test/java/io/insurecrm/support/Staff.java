package io.insurecrm.support;

import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** Signed-in staff for web slice tests. */
public final class Staff {

    private Staff() {
    }

    public static StaffPrincipal agent(long agentId) {
        return new StaffPrincipal(100L, "agent" + agentId, "{noop}x", "王芳", Role.AGENT, agentId, null, true);
    }

    public static StaffPrincipal branchManager(long branchId) {
        return new StaffPrincipal(101L, "manager" + branchId, "{noop}x", "陈经理", Role.BRANCH_MANAGER, null, branchId, true);
    }

    public static StaffPrincipal admin() {
        return new StaffPrincipal(1L, "admin", "{noop}x", "管理员", Role.ADMIN, null, null, true);
    }

    /**
     * Signs the staff member in for one request. The project's test classpath has no Boot security-test
     * auto-configuration, so the MockMvc of a web slice runs without the security filter chain; the authentication
     * is therefore also put into the (test) security context holder, which the test listeners clear after each test.
     */
    public static RequestPostProcessor signedIn(StaffPrincipal staff) {
        return request -> {
            Authentication auth = UsernamePasswordAuthenticationToken.authenticated(staff, null, staff.getAuthorities());
            TestSecurityContextHolder.setAuthentication(auth);
            return authentication(auth).postProcessRequest(request);
        };
    }
}
