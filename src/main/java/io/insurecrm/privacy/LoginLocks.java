package io.insurecrm.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The recent failed sign-ins that throttling counts, by username and by client address, and which usernames it locks
 * now, and until when: a username is locked while {@code maxFailures} of its
 * LOGIN_FAILED rows in the audit trail fall within the window — not counting the failures before an administrator's
 * unlock ({@code staff_user.login_failures_reset_at}; the failures stay in the trail). It stays locked until the
 * {@code maxFailures}-th newest of them leaves the window.
 */
@Service
public class LoginLocks {

    private final JdbcClient jdbc;
    private final LoginThrottleSettings settings;
    private final Clock clock;

    LoginLocks(JdbcClient jdbc, LoginThrottleSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** The failures of {@code username} that count now (within the window, after the last unlock). */
    long recentFailures(String username) {
        return jdbc.sql("""
                        select count(*) from audit_event e
                         where e.actor = :actor and e.action = 'LOGIN_FAILED' and e.occurred_at > :since
                           and e.occurred_at > coalesce((select s.login_failures_reset_at from staff_user s
                                                          where s.username = :actor), '-infinity')""")
                .param("actor", username).param("since", since()).query(Long.class).single();
    }

    /** The failed sign-ins from the client address {@code address} within the window, whatever the usernames. */
    long recentFailuresFrom(String address) {
        return jdbc.sql("""
                        select count(*) from audit_event
                         where action = 'LOGIN_FAILED' and remote_addr = :address and occurred_at > :since""")
                .param("address", address).param("since", since()).query(Long.class).single();
    }

    /** The usernames among {@code usernames} locked now, each with the time its lock ends. */
    public Map<String, Instant> lockedUntil(Collection<String> usernames) {
        Map<String, Instant> locked = new LinkedHashMap<>();
        if (usernames.isEmpty()) {
            return locked;
        }
        jdbc.sql("""
                        select u.username, (array_agg(e.occurred_at order by e.occurred_at desc))[:max] as nth
                          from unnest(cast(:names as text[])) as u(username)
                          join audit_event e on e.actor = u.username and e.action = 'LOGIN_FAILED' and e.occurred_at > :since
                          left join staff_user s on s.username = u.username
                         where s.login_failures_reset_at is null or e.occurred_at > s.login_failures_reset_at
                         group by u.username
                        having count(*) >= :max""")
                .param("names", usernames.toArray(String[]::new)).param("since", since()).param("max", settings.maxFailures())
                .query((rs, n) -> locked.put(rs.getString("username"),
                        rs.getTimestamp("nth").toInstant().plus(settings.window())))
                .list();
        return locked;
    }

    private OffsetDateTime since() {
        return OffsetDateTime.ofInstant(clock.instant().minus(settings.window()), ZoneOffset.UTC);
    }
}
