package io.insurecrm.privacy;

import io.insurecrm.platform.security.AddressLockedException;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Staff sign-in (form and HTTP basic) with throttling: every failure is audited as LOGIN_FAILED, and a username with
 * too many recent failures — or a client address with too many, whatever the usernames — is refused before the password
 * is even checked (audited as LOGIN_LOCKED). The failures are
 * counted from the audit trail itself, so the lock holds across instances and restarts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginThrottleSettings.class)
class LoginThrottle {

    private static final int MAX_USERNAME = 100;

    @Bean
    AuthenticationProvider throttledStaffSignIn(UserDetailsService users, PasswordEncoder passwords, AccessAudit audit,
                                                LoginThrottleSettings settings, LoginLocks locks) {
        DaoAuthenticationProvider checkPassword = new DaoAuthenticationProvider(users);
        checkPassword.setPasswordEncoder(passwords);
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String username = authentication.getName() == null ? "" : authentication.getName().strip();
                String actor = username.length() > MAX_USERNAME ? username.substring(0, MAX_USERNAME) : username;
                String address = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
                if (address != null && settings.maxFailuresPerAddress() > 0 && !settings.exemptAddresses().contains(address)) {
                    long fromAddress = locks.recentFailuresFrom(address);
                    if (fromAddress >= settings.maxFailuresPerAddress()) {
                        audit.recordAs(actor, null, AuditAction.LOGIN_LOCKED, null, List.of(), "address " + address + ": "
                                + fromAddress + " failures within " + settings.window().toMinutes() + " minutes");
                        throw new AddressLockedException("Too many failed sign-ins from this address; try again in "
                                + settings.window().toMinutes() + " minutes");
                    }
                }
                long recent = locks.recentFailures(actor);
                if (recent >= settings.maxFailures()) {
                    audit.recordAs(actor, null, AuditAction.LOGIN_LOCKED, null, List.of(),
                            recent + " failures within " + settings.window().toMinutes() + " minutes");
                    throw new LockedException("Too many failed sign-ins; try again in " + settings.window().toMinutes() + " minutes");
                }
                try {
                    return checkPassword.authenticate(authentication);
                } catch (BadCredentialsException e) {
                    audit.recordAs(actor, null, AuditAction.LOGIN_FAILED, null, List.of(), "bad credentials");
                    throw e;
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
