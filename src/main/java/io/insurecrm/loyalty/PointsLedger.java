package io.insurecrm.loyalty;

import io.insurecrm.loyalty.PointsRefused.Reason;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points ledger. Every operation locks the member's balance row first (SELECT … FOR UPDATE), so operations on
 * one member are serialised; then writes its ledger row (request ids are unique: a repeated request is refused) and
 * moves the balance by the same amount in the same transaction — the balance always equals the sum of the ledger.
 * Points earned (and positive adjustments) are lots with an expiry; spending and negative adjustments use the lots
 * that expire first; the nightly {@link #expire(LocalDate)} writes off what is left of expired lots.
 */
@Service
public class PointsLedger {

    private final JdbcClient jdbc;
    private final LoyaltyRules rules;
    private final Clock clock;

    PointsLedger(JdbcClient jdbc, LoyaltyRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock;
    }

    /** A ledger row. */
    public record Entry(long id, String requestId, String kind, Activity activity, int points, Integer remaining,
                        LocalDate expiresOn, String reason, String reasonEn, Instant occurredAt, String createdBy) {

        /** The reason in the language of {@code locale}: a system row's in English or Chinese, a person's as typed. */
        public String reason(java.util.Locale locale) {
            return Reasons.in(locale, reason, reasonEn);
        }
    }

    /** What an operation left: the new balance and the ledger row written. */
    public record Result(int balance, Entry entry) {
    }

    /** Points for an activity, as many as the active rules give it. */
    @Transactional
    public Result earn(long customerId, Activity activity, String requestId, String by, String note) {
        TierRules active = rules.active().rules();
        int points = active.activityPoints().get(activity);
        String reason = note == null || note.isBlank() ? activity.name() : note.strip();
        return write(customerId, "EARN", activity, points, reason, requestId, by, active.pointsValidMonths());
    }

    /** Spends points (a redemption for points, a gift); refused when the balance is short. */
    @Transactional
    public Result spend(long customerId, int points, String requestId, String reason, String by) {
        if (points <= 0 || points > 1_000_000) {
            throw new PointsRefused(Reason.INVALID_POINTS, customerId, String.valueOf(points));
        }
        if (reason == null || reason.isBlank()) {
            throw new PointsRefused(Reason.REASON_REQUIRED, customerId, null);
        }
        return write(customerId, "SPEND", null, -points, reason.strip(), requestId, by, 0);
    }

    /** A manual correction, up or down, with its reason; a negative one may not take the balance below zero. */
    @Transactional
    public Result adjust(long customerId, int points, String requestId, String reason, String by) {
        if (points == 0 || Math.abs(points) > 1_000_000) {
            throw new PointsRefused(Reason.INVALID_POINTS, customerId, String.valueOf(points));
        }
        if (reason == null || reason.isBlank()) {
            throw new PointsRefused(Reason.REASON_REQUIRED, customerId, null);
        }
        return write(customerId, "ADJUST", null, points, reason.strip(), requestId, by, rules.active().rules().pointsValidMonths());
    }

    private Result write(long customerId, String kind, Activity activity, int points, String reason, String requestId,
                         String by, int validMonths) {
        if (requestId == null || requestId.isBlank() || requestId.length() > 100) {
            throw new PointsRefused(Reason.INVALID_REQUEST, customerId, "requestId");
        }
        if (!jdbc.sql("select exists (select 1 from customer where id = :c)").param("c", customerId).query(Boolean.class).single()) {
            throw new PointsRefused(Reason.UNKNOWN_CUSTOMER, customerId, null);
        }
        jdbc.sql("insert into loyalty_points_balance (customer_id, balance) values (:c, 0) on conflict do nothing")
                .param("c", customerId).update();
        int balance = jdbc.sql("select balance from loyalty_points_balance where customer_id = :c for update")
                .param("c", customerId).query(Integer.class).single();
        if (jdbc.sql("select exists (select 1 from loyalty_points_entry where request_id = :r)").param("r", requestId)
                .query(Boolean.class).single()) {
            throw new PointsRefused(Reason.DUPLICATE_REQUEST, customerId, requestId);
        }
        if (balance + points < 0) {
            throw new PointsRefused(Reason.INSUFFICIENT_BALANCE, customerId, String.valueOf(balance));
        }
        LocalDate today = LocalDate.now(clock);
        boolean lot = points > 0;
        long id;
        try {
            id = jdbc.sql("""
                            insert into loyalty_points_entry (request_id, customer_id, kind, activity, points, remaining, expires_on,
                                                              reason, occurred_at, created_by)
                            values (:r, :c, :kind, :activity, :points, :remaining, :expires, :reason, :at, :by) returning id""")
                    .param("r", requestId).param("c", customerId).param("kind", kind)
                    .param("activity", activity == null ? null : activity.name()).param("points", points)
                    .param("remaining", lot ? points : null).param("expires", lot ? today.plusMonths(validMonths) : null)
                    .param("reason", reason).param("at", Timestamp.from(clock.instant())).param("by", by)
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new PointsRefused(Reason.DUPLICATE_REQUEST, customerId, requestId);
        }
        if (!lot) {
            consume(customerId, -points);
        }
        int after = jdbc.sql("update loyalty_points_balance set balance = balance + :p where customer_id = :c returning balance")
                .param("p", points).param("c", customerId).query(Integer.class).single();
        return new Result(after, entries(customerId, 1).stream().filter(e -> e.id() == id).findFirst()
                .orElseGet(() -> entry(id)));
    }

    /** Takes {@code points} from the member's lots, those expiring first first (the caller holds the balance lock). */
    private void consume(long customerId, int points) {
        jdbc.sql("""
                        with lots as (
                            select id, remaining, sum(remaining) over (order by expires_on, id) as running
                              from loyalty_points_entry
                             where customer_id = :c and remaining > 0)
                        update loyalty_points_entry e
                           set remaining = greatest(l.running - :n, 0)
                          from lots l
                         where e.id = l.id and l.running - l.remaining < :n""")
                .param("c", customerId).param("n", points).update();
    }

    /** Writes off what is left of every lot that expired before {@code today}; returns the lots written off. */
    @Transactional
    public int expire(LocalDate today) {
        jdbc.sql("""
                        select customer_id from loyalty_points_balance
                         where customer_id in (select customer_id from loyalty_points_entry where expires_on < :today and remaining > 0)
                         order by customer_id for update""")
                .param("today", today).query(Long.class).list();
        jdbc.sql("""
                        create temp table loyalty_expiring on commit drop as
                        select id, customer_id, remaining from loyalty_points_entry
                         where expires_on < :today and remaining > 0""").param("today", today).update();
        int lots = jdbc.sql("""
                        insert into loyalty_points_entry (request_id, customer_id, kind, points, reason, reason_en, occurred_at,
                                                          created_by)
                        select 'expire-' || x.id, x.customer_id, 'EXPIRE', -x.remaining, '积分到期（' || e.expires_on || '）',
                               'points expired (' || e.expires_on || ')', :at, 'system'
                          from loyalty_expiring x join loyalty_points_entry e on e.id = x.id""")
                .param("at", Timestamp.from(clock.instant())).update();
        jdbc.sql("update loyalty_points_entry e set remaining = 0 from loyalty_expiring x where e.id = x.id").update();
        jdbc.sql("""
                update loyalty_points_balance b set balance = b.balance - x.total
                  from (select customer_id, sum(remaining) as total from loyalty_expiring group by customer_id) x
                 where b.customer_id = x.customer_id""").update();
        jdbc.sql("drop table loyalty_expiring").update();
        return lots;
    }

    @Transactional(readOnly = true)
    public int balance(long customerId) {
        return jdbc.sql("select balance from loyalty_points_balance where customer_id = :c").param("c", customerId)
                .query(Integer.class).optional().orElse(0);
    }

    /** The newest {@code limit} ledger rows of a member. */
    @Transactional(readOnly = true)
    public List<Entry> entries(long customerId, int limit) {
        return jdbc.sql("select * from loyalty_points_entry where customer_id = :c order by id desc limit :limit")
                .param("c", customerId).param("limit", limit).query((rs, n) -> map(rs)).list();
    }

    private Entry entry(long id) {
        return jdbc.sql("select * from loyalty_points_entry where id = :id").param("id", id).query((rs, n) -> map(rs)).single();
    }

    private static Entry map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), rs.getString("request_id"), rs.getString("kind"),
                rs.getString("activity") == null ? null : Activity.valueOf(rs.getString("activity")), rs.getInt("points"),
                (Integer) rs.getObject("remaining"), rs.getObject("expires_on", LocalDate.class), rs.getString("reason"),
                rs.getString("reason_en"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("created_by"));
    }
}
