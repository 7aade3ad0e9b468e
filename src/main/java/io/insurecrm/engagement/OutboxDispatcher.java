package io.insurecrm.engagement;

import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. Each round claims due QUEUED rows with FOR UPDATE SKIP LOCKED (so several dispatchers never take
 * the same row), applies the guards, sends through the channel with the row's idempotency key and marks the row in
 * the same transaction. A crash before the commit leaves the rows QUEUED: they are sent again with the same key,
 * which the gateway recognises. Failures are retried with exponential back-off and parked with the reason after
 * crm.engagement.max-attempts; a guard defers (quiet hours, a service message over the cap) or suppresses (no
 * consent, opted out, a marketing message over the cap) with the reason on the row — nothing is dropped unseen.
 */
@Component
class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final MessageChannels channels;
    private final ConsentRegistry consents;
    private final EngagementSettings settings;
    private final Clock clock;

    OutboxDispatcher(JdbcClient jdbc, TransactionTemplate tx, MessageChannels channels, ConsentRegistry consents,
                     EngagementSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.channels = channels;
        this.consents = consents;
        this.settings = settings;
        this.clock = clock;
    }

    record Claimed(long id, String key, Long customerId, Channel channel, String recipient, MessagePurpose purpose,
                   String subject, String body, int attempts) {
    }

    /** What one round did. */
    record Round(int claimed, int sent, int retried, int parked, int deferred, int suppressed) {
    }

    @Scheduled(fixedDelayString = "${crm.engagement.poll-millis:1000}", initialDelayString = "${crm.engagement.poll-millis:1000}")
    void poll() {
        if (!settings.dispatch()) {
            return;
        }
        try {
            Round round;
            do {
                round = dispatch(clock.instant());
            } while (round.claimed() == settings.batchSize());
        } catch (RuntimeException e) {
            log.warn("Outbox round failed; the rows stay queued for the next round", e);
        }
    }

    /** One round at {@code now}: claims up to batch-size due rows and sends or defers each. */
    Round dispatch(Instant now) {
        Round round = tx.execute(status -> dispatchInTransaction(now));
        return round == null ? new Round(0, 0, 0, 0, 0, 0) : round;
    }

    private Round dispatchInTransaction(Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Claimed> rows = jdbc.sql("""
                        select id, idempotency_key, customer_id, channel, recipient, purpose, subject, body, attempts
                          from engagement_message
                         where status = 'QUEUED' and next_attempt_at <= :now
                         order by next_attempt_at, id
                         limit :limit
                           for update skip locked""")
                .param("now", at).param("limit", settings.batchSize())
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("idempotency_key"),
                        (Long) rs.getObject("customer_id"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("recipient"), MessagePurpose.valueOf(rs.getString("purpose")),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")))
                .list();
        if (rows.isEmpty()) {
            return new Round(0, 0, 0, 0, 0, 0);
        }
        Guards guards = guards(rows, now);
        int sent = 0, retried = 0, parked = 0, deferred = 0, suppressed = 0;
        for (Claimed row : rows) {
            Verdict verdict = guards.judge(row);
            if (verdict instanceof Verdict.Suppress s) {
                mark(row.id(), "SUPPRESSED", row.attempts(), at, s.reason(), null, null);
                suppressed++;
                continue;
            }
            if (verdict instanceof Verdict.Defer d) {
                mark(row.id(), "QUEUED", row.attempts(), OffsetDateTime.ofInstant(d.until(), ZoneOffset.UTC), d.reason(), null, null);
                deferred++;
                continue;
            }
            int attempts = row.attempts() + 1;
            try {
                String ref = channels.of(row.channel()).send(new OutgoingMessage(row.key(), row.channel(), row.recipient(),
                        row.subject(), row.body()));
                mark(row.id(), "SENT", attempts, at, null, ref, at);
                guards.counted(row);
                sent++;
            } catch (DeliveryFailed e) {
                if (!e.retryable() || attempts >= settings.maxAttempts()) {
                    mark(row.id(), "PARKED", attempts, at, "attempt " + attempts + ": " + e.getMessage(), null, null);
                    log.warn("Message {} parked after {} attempt(s): {}", row.key(), attempts, e.getMessage());
                    parked++;
                } else {
                    Duration delay = settings.retryDelay(attempts);
                    mark(row.id(), "QUEUED", attempts, at.plus(delay), "attempt " + attempts + ": " + e.getMessage(), null, null);
                    retried++;
                }
            } catch (RuntimeException e) {
                mark(row.id(), "PARKED", attempts, at, "attempt " + attempts + ": " + e, null, null);
                parked++;
            }
        }
        return new Round(rows.size(), sent, retried, parked, deferred, suppressed);
    }

    private void mark(long id, String status, int attempts, OffsetDateTime next, String error, String ref, OffsetDateTime sentAt) {
        jdbc.sql("""
                        update engagement_message set status = :status, attempts = :attempts, next_attempt_at = :next,
                               last_error = coalesce(:error, last_error), gateway_ref = :ref, sent_at = :sentAt
                         where id = :id""")
                .param("status", status).param("attempts", attempts).param("next", next)
                .param("error", error, Types.VARCHAR).param("ref", ref, Types.VARCHAR)
                .param("sentAt", sentAt, Types.TIMESTAMP_WITH_TIMEZONE).param("id", id).update();
    }

    sealed interface Verdict {
        record Send() implements Verdict {
        }

        record Defer(Instant until, String reason) implements Verdict {
        }

        record Suppress(String reason) implements Verdict {
        }
    }

    private Guards guards(List<Claimed> rows, Instant now) {
        Set<Long> customers = new HashSet<>();
        rows.forEach(r -> {
            if (r.customerId() != null) {
                customers.add(r.customerId());
            }
        });
        Long[] ids = customers.toArray(Long[]::new);
        Set<String> optedOut = new HashSet<>(jdbc.sql("""
                        select customer_id || ':' || channel from engagement_opt_out where customer_id = any(:ids)""")
                .param("ids", ids, Types.ARRAY).query(String.class).list());
        Set<Long> service = consents.granted(customers, ConsentPurpose.SERVICE);
        Set<Long> marketing = consents.granted(customers, ConsentPurpose.MARKETING);
        Map<String, int[]> counts = new HashMap<>();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.sql("""
                        select customer_id, channel,
                               count(*) filter (where sent_at > :dayAgo) as day, count(*) as week
                          from engagement_message
                         where status = 'SENT' and purpose <> 'AUTH' and customer_id = any(:ids) and sent_at > :weekAgo
                         group by customer_id, channel""")
                .param("ids", ids, Types.ARRAY).param("dayAgo", at.minusDays(1)).param("weekAgo", at.minusDays(7))
                .query((rs, n) -> counts.put(rs.getLong("customer_id") + ":" + rs.getString("channel"),
                        new int[] {rs.getInt("day"), rs.getInt("week")}))
                .list();
        return new Guards(now, optedOut, service, marketing, counts);
    }

    /** The guards of one round, from a handful of set-based queries over the round's customers. */
    final class Guards {
        private final Instant now;
        private final Set<String> optedOut;
        private final Set<Long> service;
        private final Set<Long> marketing;
        private final Map<String, int[]> counts;

        Guards(Instant now, Set<String> optedOut, Set<Long> service, Set<Long> marketing, Map<String, int[]> counts) {
            this.now = now;
            this.optedOut = optedOut;
            this.service = service;
            this.marketing = marketing;
            this.counts = counts;
        }

        Verdict judge(Claimed row) {
            if (row.purpose() == MessagePurpose.AUTH || row.customerId() == null) {
                return new Verdict.Send();
            }
            String key = row.customerId() + ":" + row.channel();
            if (optedOut.contains(key)) {
                return new Verdict.Suppress("opted out of " + row.channel());
            }
            Set<Long> granted = row.purpose() == MessagePurpose.MARKETING ? marketing : service;
            if (!granted.contains(row.customerId())) {
                return new Verdict.Suppress("no " + row.purpose() + " consent");
            }
            Instant quietUntil = quietUntil(now, clock.getZone(), settings.quietStart(), settings.quietEnd());
            if (quietUntil != null) {
                return new Verdict.Defer(quietUntil, "quiet hours until " + settings.quietEnd());
            }
            int[] count = counts.getOrDefault(key, new int[2]);
            if (count[0] >= settings.capPerDay() || count[1] >= settings.capPerWeek()) {
                String reason = "frequency cap " + settings.capPerDay() + "/day, " + settings.capPerWeek() + "/week on " + row.channel();
                return row.purpose() == MessagePurpose.MARKETING ? new Verdict.Suppress(reason)
                        : new Verdict.Defer(now.plus(Duration.ofDays(1)), reason);
            }
            return new Verdict.Send();
        }

        void counted(Claimed row) {
            if (row.purpose() != MessagePurpose.AUTH && row.customerId() != null) {
                int[] count = counts.computeIfAbsent(row.customerId() + ":" + row.channel(), k -> new int[2]);
                count[0]++;
                count[1]++;
            }
        }
    }

    /** The end of the quiet hours {@code now} falls in (local time of the zone), or null outside them. */
    static Instant quietUntil(Instant now, ZoneId zone, LocalTime start, LocalTime end) {
        if (start.equals(end)) {
            return null;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean wraps = start.isAfter(end);
        boolean quiet = wraps ? (!time.isBefore(start) || time.isBefore(end)) : (!time.isBefore(start) && time.isBefore(end));
        if (!quiet) {
            return null;
        }
        ZonedDateTime until = local.with(end);
        if (!until.isAfter(local)) {
            until = until.plusDays(1);
        }
        return until.toInstant();
    }

    /** Rows per status, for the message log page and the benchmark. */
    Map<String, Long> counts() {
        Map<String, Long> result = new HashMap<>();
        jdbc.sql("select status, count(*) as n from engagement_message group by status")
                .query((rs, n) -> result.put(rs.getString("status"), rs.getLong("n"))).list();
        return result;
    }

    List<String> statuses() {
        return new ArrayList<>(List.of("QUEUED", "SENT", "PARKED", "SUPPRESSED"));
    }
}
