package io.insurecrm.organisation;

import io.insurecrm.platform.security.StaffPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads staff users for sign-in, with the role and data scope every query then applies. */
@Service
class StaffSignIn implements UserDetailsService {

    private final StaffUsers users;

    StaffSignIn(StaffUsers users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        StaffUser user = users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException(username));
        return new StaffPrincipal(user.getId(), user.getUsername(), user.getPasswordHash(), user.getDisplayName(),
                user.getRole(), user.getAgentId(), user.getBranchId(), user.isEnabled());
    }
}
