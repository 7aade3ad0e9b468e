package io.insurecrm.loyalty;

import io.insurecrm.loyalty.RedemptionRefused.Reason;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redeeming a benefit, by staff or over the API: the member's tier in force must be entitled to it, the entitlement of
 * the current period must still be valid and have quota left, and the request id must be new. All checks and the use
 * are one transaction: the quota is taken with a conditional update (used &lt; quota) on the entitlement row, so of
 * any number of parallel redemptions only as many succeed as there is quota, and a refused one changes nothing.
 */
@Service
public class Redemptions {

    private final JdbcClient jdbc;
    private final Benefits benefits;
    private final Clock clock;

    Redemptions(JdbcClient jdbc, Benefits benefits, Clock clock) {
        this.jdbc = jdbc;
        this.benefits = benefits;
        this.clock = clock;
    }

    /** Who redeems through which channel. */
    public enum Channel { STAFF, API }

    /** A redemption done: the tier it was made under and what is left of the period's quota (null = unlimited). */
    public record Redemption(long id, String requestId, long customerId, String benefitCode, Tier tier, Instant redeemedAt,
                             String redeemedBy, Integer remaining, LocalDate validUntil) {
    }

    /** @throws RedemptionRefused with the reason, nothing changed */
    @Transactional
    public Redemption redeem(long customerId, String benefitCode, String requestId, Channel channel, String by, String note) {
        LocalDate today = LocalDate.now(clock);
        if (requestId == null || requestId.isBlank() || requestId.length() > 100) {
            throw new RedemptionRefused(Reason.INVALID_REQUEST, benefitCode, customerId, "requestId");
        }
        Benefit benefit = benefits.find(benefitCode == null ? "" : benefitCode)
                .orElseThrow(() -> new RedemptionRefused(Reason.UNKNOWN_BENEFIT, benefitCode, customerId, null));
        if (jdbc.sql("select exists (select 1 from loyalty_redemption where request_id = :r)").param("r", requestId)
                .query(Boolean.class).single()) {
            throw new RedemptionRefused(Reason.DUPLICATE_REQUEST, benefitCode, customerId, requestId);
        }
        Tier tier = jdbc.sql("select tier from loyalty_member where customer_id = :c").param("c", customerId)
                .query(String.class).optional().map(Tier::valueOf).orElse(Tier.NONE);
        if (tier == Tier.NONE) {
            throw new RedemptionRefused(Reason.NOT_A_MEMBER, benefitCode, customerId, null);
        }
        if (!benefit.active()) {
            throw new RedemptionRefused(Reason.EXPIRED, benefitCode, customerId, "retired");
        }
        if (!benefit.entitles(tier)) {
            throw new RedemptionRefused(Reason.NOT_ENTITLED, benefitCode, customerId, tier.name());
        }
        Benefits.activate(jdbc, "select cast(" + customerId + " as bigint) as customer_id, '" + tier.name() + "' as tier", today);
        record Entitlement(long id, LocalDate validUntil) {
        }
        Entitlement entitlement = jdbc.sql("""
                        select id, valid_until from loyalty_entitlement
                         where customer_id = :c and benefit_code = :b and period_start = loyalty_period_start(:period, :today)""")
                .param("c", customerId).param("b", benefit.code()).param("period", benefit.period().name()).param("today", today)
                .query((rs, n) -> new Entitlement(rs.getLong("id"), rs.getObject("valid_until", LocalDate.class))).single();
        if (entitlement.validUntil().isBefore(today)) {
            throw new RedemptionRefused(Reason.EXPIRED, benefitCode, customerId, entitlement.validUntil().toString());
        }
        Instant now = clock.instant();
        Long id = jdbc.sql("""
                        insert into loyalty_redemption (request_id, entitlement_id, customer_id, benefit_code, tier, channel,
                                                        redeemed_at, redeemed_by, note)
                        values (:r, :e, :c, :b, :tier, :channel, :at, :by, :note)
                        on conflict (request_id) do nothing returning id""")
                .param("r", requestId).param("e", entitlement.id()).param("c", customerId).param("b", benefit.code())
                .param("tier", tier.name()).param("channel", channel.name()).param("at", Timestamp.from(now))
                .param("by", by).param("note", note == null || note.isBlank() ? null : note.strip())
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            throw new RedemptionRefused(Reason.DUPLICATE_REQUEST, benefitCode, customerId, requestId);
        }
        java.util.List<Integer> left = jdbc.sql("""
                        update loyalty_entitlement set used = used + 1
                         where id = :e and (quota is null or used < quota)
                        returning quota - used""")
                .param("e", entitlement.id()).query((rs, n) -> (Integer) rs.getObject(1)).list();
        if (left.isEmpty()) {
            // the exception rolls back the redemption row written above
            throw new RedemptionRefused(Reason.QUOTA_EXHAUSTED, benefitCode, customerId,
                    benefit.quota() == null ? "" : String.valueOf(benefit.quota()));
        }
        return new Redemption(id, requestId, customerId, benefit.code(), tier, now, by, left.get(0), entitlement.validUntil());
    }

    private static final String SELECT = """
            select r.id, r.request_id, r.customer_id, r.benefit_code, r.tier, r.redeemed_at, r.redeemed_by,
                   e.quota - e.used as remaining, e.valid_until
              from loyalty_redemption r join loyalty_entitlement e on e.id = r.entitlement_id
            """;

    /** The redemption made under a request id, if any (to answer a repeated request with the first one's result). */
    @Transactional(readOnly = true)
    public Optional<Redemption> findByRequest(String requestId) {
        return jdbc.sql(SELECT + " where r.request_id = :r").param("r", requestId).query((rs, n) -> redemption(rs)).optional();
    }

    /** One redemption of the customer; someone else's is empty, like one that does not exist. */
    @Transactional(readOnly = true)
    public Optional<Redemption> find(long customerId, long redemptionId) {
        return jdbc.sql(SELECT + " where r.id = :id and r.customer_id = :c").param("id", redemptionId).param("c", customerId)
                .query((rs, n) -> redemption(rs)).optional();
    }

    /** The customer's newest {@code limit} redemptions ({@code remaining} = what is left of that period's quota now). */
    @Transactional(readOnly = true)
    public List<Redemption> of(long customerId, int limit) {
        return jdbc.sql(SELECT + " where r.customer_id = :c order by r.redeemed_at desc, r.id desc limit :limit")
                .param("c", customerId).param("limit", limit).query((rs, n) -> redemption(rs)).list();
    }

    private static Redemption redemption(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Redemption(rs.getLong("id"), rs.getString("request_id"), rs.getLong("customer_id"), rs.getString("benefit_code"),
                Tier.valueOf(rs.getString("tier")), rs.getTimestamp("redeemed_at").toInstant(), rs.getString("redeemed_by"),
                (Integer) rs.getObject("remaining"), rs.getObject("valid_until", LocalDate.class));
    }
}
