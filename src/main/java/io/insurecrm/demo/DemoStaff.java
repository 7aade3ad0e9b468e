package io.insurecrm.demo;

import io.insurecrm.organisation.StaffUser;
import io.insurecrm.organisation.StaffUsers;
import io.insurecrm.platform.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo sign-ins, one per role, all with password {@value #PASSWORD}. The branch manager manages the Guangdong
 * branch (or the first branch with customers), the agent and advisor are agent records of that branch with customers.
 * Existing users are left as they are.
 */
@Component
class DemoStaff {

    static final String PASSWORD = "demo1234";

    private final StaffUsers users;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;

    DemoStaff(StaffUsers users, PasswordEncoder passwordEncoder, JdbcClient jdbc) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
    }

    record Login(String username, Role role, String displayName) {
    }

    private record Seat(long id, String name, long branchId) {
    }

    /** Creates the missing demo users and returns every demo sign-in that exists. */
    List<Login> ensure() {
        List<Login> logins = new ArrayList<>();
        ensure("admin", Role.ADMIN, "系统管理员", null, null).ifPresent(logins::add);
        ensure("analyst", Role.ANALYST, "数据分析师", null, null).ifPresent(logins::add);
        ensure("compliance", Role.COMPLIANCE, "合规专员", null, null).ifPresent(logins::add);
        Optional<Seat> branch = jdbc.sql("""
                select b.id, b.name, b.id as branch_id
                from branch b
                where exists (select 1 from customer c where c.branch_id = b.id)
                order by (b.region_code = '44') desc, b.id
                limit 1
                """).query(Seat.class).optional();
        if (branch.isPresent()) {
            long branchId = branch.get().id();
            ensure("manager", Role.BRANCH_MANAGER, branch.get().name() + "经理", null, branchId).ifPresent(logins::add);
            agentOf("AGENT", branchId).flatMap(a -> ensure("agent", Role.AGENT, a.name(), a.id(), a.branchId()))
                    .ifPresent(logins::add);
            agentOf("ADVISOR", branchId).flatMap(a -> ensure("advisor", Role.ADVISOR, a.name(), a.id(), a.branchId()))
                    .ifPresent(logins::add);
        }
        return logins;
    }

    /** An agent or advisor with customers, of the given branch when it has one. */
    private Optional<Seat> agentOf(String kind, long branchId) {
        return jdbc.sql("""
                select a.id, a.name, a.branch_id
                from agent a
                where a.kind = :kind and exists (select 1 from customer c where c.agent_id = a.id)
                order by (a.branch_id = :branch) desc, a.id
                limit 1
                """).param("kind", kind).param("branch", branchId).query(Seat.class).optional();
    }

    private Optional<Login> ensure(String username, Role role, String displayName, Long agentId, Long branchId) {
        StaffUser user = users.findByUsername(username).orElseGet(() -> users.save(
                StaffUser.create(username, passwordEncoder.encode(PASSWORD), displayName, role, agentId, branchId)));
        return Optional.of(new Login(user.getUsername(), user.getRole(), user.getDisplayName()));
    }
}
