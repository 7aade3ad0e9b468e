package io.insurecrm.privacy;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling: after {@code maxFailures} failed sign-ins of one username within {@code window}, that username is
 * locked until the oldest of them leaves the window; after {@code maxFailuresPerAddress} failures from one client
 * address (any usernames: password spraying) within the window, sign-ins from that address are refused likewise (0 turns
 * it off). {@code exemptAddresses} are never throttled by address: the loopback addresses by default, which is where
 * a reverse proxy on the same host comes from — behind a proxy set {@code server.forward-headers-strategy} so that the
 * client's address is seen.
 */
@ConfigurationProperties("crm.security.login")
public record LoginThrottleSettings(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
                                    @DefaultValue("30") int maxFailuresPerAddress,
                                    @DefaultValue({"127.0.0.1", "0:0:0:0:0:0:0:1", "::1"}) List<String> exemptAddresses) {
}
