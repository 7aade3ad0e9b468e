package io.insurecrm.organisation;

import io.insurecrm.platform.security.PasswordPolicy;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.platform.web.Paged;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.LoginLocks;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where staff accounts are opened, enabled and disabled and their passwords set: every raw password passes the
 * {@link PasswordPolicy} and is stored hashed. A password an administrator sets (a new account, a reset) is temporary:
 * its owner must choose his own at his next sign-in. Every change is recorded in the access audit as
 * {@link AuditAction#STAFF_ACCOUNT}. (Loaders that write {@code staff_user} rows directly, such as a demo book, bypass
 * the policy.)
 */
@Service
public class StaffAccounts {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,40}");
    static final int MAX_DISPLAY_NAME = 60;

    /** A staff account as the administrators' page lists it. */
    public record StaffRow(long id, String username, String displayName, Role role, Long agentId, String agentName,
                           Long branchId, String branchName, boolean enabled, boolean passwordChangeRequired,
                           Instant lockedUntil) {

        StaffRow lockedUntil(Instant until) {
            return new StaffRow(id, username, displayName, role, agentId, agentName, branchId, branchName, enabled,
                    passwordChangeRequired, until);
        }
    }

    private final StaffUsers users;
    private final PasswordEncoder passwords;
    private final JdbcClient jdbc;
    private final AccessAudit audit;
    private final LoginLocks locks;
    private final Clock clock;

    StaffAccounts(StaffUsers users, PasswordEncoder passwords, JdbcClient jdbc, AccessAudit audit, LoginLocks locks, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.audit = audit;
        this.locks = locks;
        this.clock = clock;
    }

    /** Accounts whose username or name contains {@code text} (any when blank), of {@code role} (any when null), by username. */
    @Transactional(readOnly = true)
    public Paged<StaffRow> search(String text, Role role, int page, int size) {
        int bounded = Paged.boundedSize(size);
        int from = Math.max(page, 0);
        String like = text == null || text.isBlank() ? null : "%" + text.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String where = """
                 where (cast(:like as text) is null or lower(u.username) like :like or lower(u.display_name) like :like)
                   and (cast(:role as text) is null or u.role = :role)""";
        long total = jdbc.sql("select count(*) from staff_user u " + where)
                .param("like", like).param("role", role == null ? null : role.name()).query(Long.class).single();
        List<StaffRow> rows = jdbc.sql("""
                        select u.id, u.username, u.display_name, u.role, u.agent_id, a.name as agent_name, u.branch_id,
                               b.name as branch_name, u.enabled, u.password_change_required
                          from staff_user u
                          left join agent a on a.id = u.agent_id
                          left join branch b on b.id = u.branch_id""" + " " + where + """

                         order by u.username limit :limit offset :offset""")
                .param("like", like).param("role", role == null ? null : role.name())
                .param("limit", bounded).param("offset", (long) from * bounded)
                .query((rs, n) -> new StaffRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), (Long) rs.getObject("agent_id"), rs.getString("agent_name"),
                        (Long) rs.getObject("branch_id"), rs.getString("branch_name"), rs.getBoolean("enabled"),
                        rs.getBoolean("password_change_required"), null))
                .list();
        Map<String, Instant> locked = locks.lockedUntil(rows.stream().map(StaffRow::username).toList());
        return new Paged<>(rows.stream().map(r -> r.lockedUntil(locked.get(r.username()))).toList(), from, bounded, total);
    }

    /**
     * Opens an account with a temporary password (its owner chooses his own at his first sign-in). Agents and advisors
     * work as an agent record of their kind, branch managers for a branch; the other roles have neither.
     *
     * @throws FieldRuleViolation naming the field: username (form, taken), displayName, role, agentId, branchId, password
     */
    @Transactional
    public long open(String username, String rawPassword, String displayName, Role role, Long agentId, Long branchId) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new FieldRuleViolation("username", "staff.username.invalid");
        }
        if (users.findByUsername(name).isPresent()) {
            throw new FieldRuleViolation("username", "staff.username.taken", name);
        }
        String display = displayName == null ? "" : displayName.strip();
        if (display.isEmpty()) {
            throw new FieldRuleViolation("displayName", "staff.displayName.required");
        }
        if (display.length() > MAX_DISPLAY_NAME) {
            throw new FieldRuleViolation("displayName", "staff.displayName.tooLong", MAX_DISPLAY_NAME);
        }
        if (role == null) {
            throw new FieldRuleViolation("role", "staff.role.required");
        }
        Long agent = role == Role.AGENT || role == Role.ADVISOR ? agentOf(role, agentId) : null;
        Long branch = role == Role.BRANCH_MANAGER ? branchOf(branchId) : null;
        PasswordPolicy.check(name, rawPassword);
        StaffUser user = StaffUser.create(name, passwords.encode(rawPassword), display, role, agent, branch);
        user.changePasswordHash(user.getPasswordHash(), true);
        long id = users.save(user).getId();
        audit.record(AuditAction.STAFF_ACCOUNT, null, List.of("staff_user.username", "staff_user.role", "staff_user.password_hash"),
                "account " + name + " opened as " + role + (agent != null ? " (agent " + agent + ")" : "")
                        + (branch != null ? " (branch " + branch + ")" : "") + "; temporary password");
        return id;
    }

    /** Sets a temporary password on an account (its owner chooses his own at his next sign-in). */
    @Transactional
    public void resetPassword(long id, String rawPassword) {
        StaffUser user = users.findById(id).orElseThrow(() -> NotFoundException.of("staff.notFound", id));
        PasswordPolicy.check(user.getUsername(), rawPassword);
        user.changePasswordHash(passwords.encode(rawPassword), true);
        users.save(user);
        audit.record(AuditAction.STAFF_ACCOUNT, null, List.of("staff_user.password_hash"),
                "password of " + user.getUsername() + " reset; temporary password");
    }

    /**
     * Enables or disables an account: a disabled account cannot sign in (a session already open ends at its idle
     * timeout). Nobody disables his own account.
     */
    @Transactional
    public void enable(long id, boolean enabled, String by) {
        StaffUser user = users.findById(id).orElseThrow(() -> NotFoundException.of("staff.notFound", id));
        if (!enabled && user.getUsername().equals(by)) {
            throw new FieldRuleViolation("enabled", "staff.disable.self");
        }
        if (user.isEnabled() == enabled) {
            return;
        }
        user.enable(enabled);
        users.save(user);
        audit.record(AuditAction.STAFF_ACCOUNT, null, List.of("staff_user.enabled"),
                "account " + user.getUsername() + (enabled ? " enabled" : " disabled"));
    }

    /**
     * Ends a sign-in lock: the failures of the account so far no longer count towards a lock (they stay in the audit
     * trail). Refused on {@code id} when the account is not locked.
     */
    @Transactional
    public void unlock(long id) {
        String username = username(id);
        if (!locks.lockedUntil(List.of(username)).containsKey(username)) {
            throw new FieldRuleViolation("id", "staff.unlock.notLocked", username);
        }
        jdbc.sql("update staff_user set login_failures_reset_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
        audit.record(AuditAction.STAFF_ACCOUNT, null, List.of("staff_user.login_failures_reset_at"),
                "account " + username + " unlocked");
    }

    /**
     * A staff member chooses his own password: the current one must be given and the new one differ from it.
     *
     * @throws FieldRuleViolation on currentPassword or password
     */
    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String rawPassword) {
        StaffUser user = users.findByUsername(username).orElseThrow(() -> new IllegalStateException("No staff user " + username));
        if (currentPassword == null || !passwords.matches(currentPassword, user.getPasswordHash())) {
            throw new FieldRuleViolation("currentPassword", "staff.password.currentWrong");
        }
        if (currentPassword.equals(rawPassword)) {
            throw new FieldRuleViolation("password", "staff.password.same");
        }
        PasswordPolicy.check(username, rawPassword);
        user.changePasswordHash(passwords.encode(rawPassword), false);
        users.save(user);
        audit.record(AuditAction.STAFF_ACCOUNT, null, List.of("staff_user.password_hash"), "own password changed");
    }

    /** @throws FieldRuleViolation on {@code password} when the policy refuses it */
    @Transactional
    public void changePassword(String username, String rawPassword) {
        StaffUser user = users.findByUsername(username).orElseThrow(() -> new IllegalArgumentException("No staff user " + username));
        PasswordPolicy.check(username, rawPassword);
        user.changePasswordHash(passwords.encode(rawPassword), false);
        users.save(user);
    }

    /** The username of account {@code id}. */
    @Transactional(readOnly = true)
    public String username(long id) {
        return users.findById(id).map(StaffUser::getUsername).orElseThrow(() -> NotFoundException.of("staff.notFound", id));
    }

    /** Whether the account must choose its own password before anything else (a temporary one was set for it). */
    @Transactional(readOnly = true)
    public boolean passwordChangeRequired(String username) {
        return users.findByUsername(username).map(StaffUser::isPasswordChangeRequired).orElse(false);
    }

    private Long agentOf(Role role, Long agentId) {
        if (agentId == null) {
            throw new FieldRuleViolation("agentId", "staff.agent.required", role.name());
        }
        String kind = jdbc.sql("select kind from agent where id = :id").param("id", agentId).query(String.class).optional()
                .orElseThrow(() -> new FieldRuleViolation("agentId", "staff.agent.unknown", agentId));
        if (!kind.equals(role.name())) {
            throw new FieldRuleViolation("agentId", "staff.agent.kind", agentId, kind, role.name());
        }
        return agentId;
    }

    private Long branchOf(Long branchId) {
        if (branchId == null) {
            throw new FieldRuleViolation("branchId", "staff.branch.required");
        }
        if (jdbc.sql("select count(*) from branch where id = :id").param("id", branchId).query(Long.class).single() == 0) {
            throw new FieldRuleViolation("branchId", "staff.branch.unknown", branchId);
        }
        return branchId;
    }
}
