package io.insurecrm.platform.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in staff member with the role and data scope that every query applies. */
public record StaffPrincipal(long userId, String username, String passwordHash, String displayName, Role role,
                             Long agentId, Long branchId, boolean enabled) implements UserDetails {

    public DataScope scope() {
        return switch (role) {
            case AGENT, ADVISOR -> DataScope.ownBook(agentId);
            case BRANCH_MANAGER -> DataScope.branch(branchId);
            case ANALYST, COMPLIANCE, ADMIN -> isIntegration() && branchId != null ? DataScope.branch(branchId) : DataScope.all();
        };
    }

    /**
     * An integration authenticated by an API token rather than a person: its user id is the negated token id, its
     * role ADMIN (the whole book, or one branch when the token is bound to it: {@code branchId}) but every request is
     * first held to the token's scopes by the bearer-token filter.
     */
    public boolean isIntegration() {
        return userId < 0;
    }

    /** Agents, advisors, branch managers and admins register and edit customers and policies; others only read. */
    public boolean canEditCustomers() {
        return role == Role.AGENT || role == Role.ADVISOR || role == Role.BRANCH_MANAGER || role == Role.ADMIN;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "StaffPrincipal[" + username + ", " + role + "]";
    }
}
