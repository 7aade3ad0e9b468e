package io.insurecrm.platform.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The staff member of the current request. */
public final class CurrentStaff {

    private CurrentStaff() {
    }

    public static Optional<StaffPrincipal> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff) {
            return Optional.of(staff);
        }
        return Optional.empty();
    }

    /** The user name of the signed-in staff member; {@code system} for work no one signed in started. */
    public static String username() {
        return get().map(StaffPrincipal::username).orElse("system");
    }

    /** The scope of the signed-in staff member; no one signed in sees nothing. */
    public static DataScope scope() {
        return get().map(StaffPrincipal::scope)
                .orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
    }
}
