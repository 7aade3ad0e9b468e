package io.insurecrm.organisation;

import io.insurecrm.platform.security.PasswordPolicy;
import io.insurecrm.platform.security.Role;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where staff passwords are set: every raw password passes the {@link PasswordPolicy} and is stored hashed.
 * (Loaders that write {@code staff_user} rows directly, such as a demo book, bypass the policy.)
 */
@Service
public class StaffAccounts {

    private final StaffUsers users;
    private final PasswordEncoder passwords;

    StaffAccounts(StaffUsers users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    /** @throws io.insurecrm.platform.web.FieldRuleViolation on {@code password} when the policy refuses it */
    @Transactional
    public long open(String username, String rawPassword, String displayName, Role role, Long agentId, Long branchId) {
        PasswordPolicy.check(username, rawPassword);
        return users.save(StaffUser.create(username, passwords.encode(rawPassword), displayName, role, agentId, branchId)).getId();
    }

    /** @throws io.insurecrm.platform.web.FieldRuleViolation on {@code password} when the policy refuses it */
    @Transactional
    public void changePassword(String username, String rawPassword) {
        StaffUser user = users.findByUsername(username).orElseThrow(() -> new IllegalArgumentException("No staff user " + username));
        PasswordPolicy.check(username, rawPassword);
        user.changePasswordHash(passwords.encode(rawPassword));
        users.save(user);
    }
}
