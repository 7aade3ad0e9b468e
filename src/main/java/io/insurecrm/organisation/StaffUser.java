package io.insurecrm.organisation;

import io.insurecrm.platform.security.Role;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A staff member who signs in. Agents and advisors are tied to their agent record, branch managers to a branch. */
@Table("staff_user")
public class StaffUser {

    @Id
    private Long id;
    private final String username;
    private String passwordHash;
    private String displayName;
    private Role role;
    private Long agentId;
    private Long branchId;
    private boolean enabled;
    private boolean passwordChangeRequired;
    @Version
    private Integer version;

    @PersistenceCreator
    StaffUser(Long id, String username, String passwordHash, String displayName, Role role, Long agentId, Long branchId,
              boolean enabled, boolean passwordChangeRequired, Integer version) {
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.role = role;
        this.agentId = agentId;
        this.branchId = branchId;
        this.enabled = enabled;
        this.passwordChangeRequired = passwordChangeRequired;
        this.version = version;
    }

    public static StaffUser create(String username, String passwordHash, String displayName, Role role, Long agentId, Long branchId) {
        Objects.requireNonNull(role, "role");
        if ((role == Role.AGENT || role == Role.ADVISOR) && agentId == null) {
            throw new IllegalArgumentException("An " + role + " user needs the agent he works as");
        }
        if (role == Role.BRANCH_MANAGER && branchId == null) {
            throw new IllegalArgumentException("A branch manager needs a branch");
        }
        return new StaffUser(null, Objects.requireNonNull(username), Objects.requireNonNull(passwordHash),
                Objects.requireNonNull(displayName), role, agentId, branchId, true, false, null);
    }

    /**
     * The hash of a new password that already passed the policy (see {@link StaffAccounts}); {@code temporary} when an
     * administrator set it, so that its owner must choose his own at his next sign-in.
     */
    void changePasswordHash(String passwordHash, boolean temporary) {
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.passwordChangeRequired = temporary;
    }

    void enable(boolean enabled) {
        this.enabled = enabled;
    }

    public Long getId() { return id; }
    public String getUsername() { return username; }
    public String getPasswordHash() { return passwordHash; }
    public String getDisplayName() { return displayName; }
    public Role getRole() { return role; }
    public Long getAgentId() { return agentId; }
    public Long getBranchId() { return branchId; }
    public boolean isEnabled() { return enabled; }
    public boolean isPasswordChangeRequired() { return passwordChangeRequired; }
}
