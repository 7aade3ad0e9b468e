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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. Each round claims due QUEUED rows with FOR UPDATE SKIP LOCKED (so several dispatchers never take
 * the same row), applies the guards, sends the round's messages through their channels in parallel (each with its row's
 * idempotency key) and marks every row in one statement of the same transaction. A crash before the commit leaves the rows QUEUED: they are sent again with the same key,
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
    /** The gateway calls of a round, in parallel; daemon threads, so they never hold up a shutdown. */
    private final ExecutorService senders;

    OutboxDispatcher(JdbcClient jdbc, TransactionTemplate tx, MessageChannels channels, ConsentRegistry consents,
                     EngagementSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.channels = channels;
        this.consents = consents;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "outbox-send-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.senders = Executors.newFixedThreadPool(settings.sendConcurrency(), factory);
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
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
        // judged one by one in claim order (a message judged to be sent counts against the caps of the next), then
        // the sends of the round go out in parallel and every row is marked in one statement
        List<Mark> marks = new ArrayList<>(rows.size());
        List<Claimed> toSend = new ArrayList<>();
        int deferred = 0, suppressed = 0;
        for (Claimed row : rows) {
            Verdict verdict = guards.judge(row);
            if (verdict instanceof Verdict.Suppress s) {
                marks.add(new Mark(row.id(), "SUPPRESSED", row.attempts(), at, s.reason(), null, null));
                suppressed++;
            } else if (verdict instanceof Verdict.Defer d) {
                marks.add(new Mark(row.id(), "QUEUED", row.attempts(), OffsetDateTime.ofInstant(d.until(), ZoneOffset.UTC),
                        d.reason(), null, null));
                deferred++;
            } else {
                guards.counted(row);
                toSend.add(row);
            }
        }
        int sent = 0, retried = 0, parked = 0;
        for (Mark mark : send(toSend, at)) {
            marks.add(mark);
            switch (mark.status()) {
                case "SENT" -> sent++;
                case "QUEUED" -> retried++;
                default -> parked++;
            }
        }
        markAll(marks);
        return new Round(rows.size(), sent, retried, parked, deferred, suppressed);
    }

    /** How a claimed row is left at the end of its round. */
    record Mark(long id, String status, int attempts, OffsetDateTime next, String error, String ref, OffsetDateTime sentAt) {
    }

    /** Sends the rows, up to crm.engagement.send-concurrency at a time, and says how to mark each. */
    private List<Mark> send(List<Claimed> rows, OffsetDateTime at) {
        if (rows.isEmpty()) {
            return List.of();
        }
        if (rows.size() == 1 || settings.sendConcurrency() == 1) {
            return rows.stream().map(row -> sendOne(row, at)).toList();
        }
        List<Future<Mark>> futures = new ArrayList<>(rows.size());
        try {
            for (Claimed row : rows) {
                futures.add(senders.submit(() -> sendOne(row, at)));
            }
            List<Mark> marks = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                try {
                    marks.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Claimed row = rows.get(i);
                    marks.add(new Mark(row.id(), "PARKED", row.attempts() + 1, at, "attempt " + (row.attempts() + 1) + ": "
                            + e.getCause(), null, null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    // the transaction rolls back: every row of the round stays QUEUED and is sent again with its key
                    throw new IllegalStateException("interrupted while sending", e);
                }
            }
            return marks;
        } finally {
            futures.forEach(f -> f.cancel(true)); // after an interruption: none keeps sending for a rolled-back round
        }
    }

    private Mark sendOne(Claimed row, OffsetDateTime at) {
        int attempts = row.attempts() + 1;
        try {
            String ref = channels.of(row.channel()).send(new OutgoingMessage(row.key(), row.channel(), row.recipient(),
                    row.subject(), row.body()));
            return new Mark(row.id(), "SENT", attempts, at, null, ref, at);
        } catch (DeliveryFailed e) {
            if (!e.retryable() || attempts >= settings.maxAttempts()) {
                log.warn("Message {} parked after {} attempt(s): {}", row.key(), attempts, e.getMessage());
                return new Mark(row.id(), "PARKED", attempts, at, "attempt " + attempts + ": " + e.getMessage(), null, null);
            }
            Duration delay = settings.retryDelay(attempts);
            return new Mark(row.id(), "QUEUED", attempts, at.plus(delay), "attempt " + attempts + ": " + e.getMessage(), null, null);
        } catch (RuntimeException e) {
            return new Mark(row.id(), "PARKED", attempts, at, "attempt " + attempts + ": " + e, null, null);
        }
    }

    /** Marks every row of the round in one statement. */
    private void markAll(List<Mark> marks) {
        int n = marks.size();
        Long[] ids = new Long[n];
        String[] statuses = new String[n];
        Integer[] attempts = new Integer[n];
        // timestamps as ISO text: the driver binds no array of OffsetDateTime
        String[] next = new String[n];
        String[] errors = new String[n];
        String[] refs = new String[n];
        String[] sentAt = new String[n];
        for (int i = 0; i < n; i++) {
            Mark m = marks.get(i);
            ids[i] = m.id();
            statuses[i] = m.status();
            attempts[i] = m.attempts();
            next[i] = m.next() == null ? null : m.next().toString();
            errors[i] = m.error();
            refs[i] = m.ref();
            sentAt[i] = m.sentAt() == null ? null : m.sentAt().toString();
        }
        jdbc.sql("""
                        update engagement_message m set status = v.status, attempts = v.attempts, next_attempt_at = v.next,
                               last_error = coalesce(v.error, m.last_error), gateway_ref = v.ref, sent_at = v.sent_at
                          from unnest(cast(:ids as bigint[]), cast(:statuses as text[]), cast(:attempts as int[]),
                                      cast(:next as timestamptz[]), cast(:errors as text[]), cast(:refs as text[]),
                                      cast(:sentAt as timestamptz[])) as v(id, status, attempts, next, error, ref, sent_at)
                         where m.id = v.id""")
                .param("ids", ids).param("statuses", statuses).param("attempts", attempts).param("next", next)
                .param("errors", errors).param("refs", refs).param("sentAt", sentAt)
                .update();
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
