package io.insurecrm.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling: after {@code maxFailures} failed sign-ins of one username within {@code window}, that username is
 * locked until the oldest of them leaves the window.
 */
@ConfigurationProperties("crm.security.login")
public record LoginThrottleSettings(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window) {
}
