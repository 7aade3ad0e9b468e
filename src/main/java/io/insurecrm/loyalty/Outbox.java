package io.insurecrm.loyalty;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The loyalty outbox (loyalty_outbox): messages this module wants sent, written in the transaction of the change that
 * causes them. The engagement module drains it — sends every row with sent_at null through its channels (after its
 * consent check) and sets sent_at — with {@link #unsent(int)} and {@link #markSent(long, Timestamp)}.
 */
@Component
public class Outbox {

    /** The benefit-activation SMS: variables tier, from and benefits (code, nameZh, nameEn of each benefit unlocked). */
    public static final String TIER_UPGRADED = "loyalty.tier-upgraded";

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A message waiting to be sent; variables are JSON. */
    public record Message(long id, long customerId, String channel, String templateKey, String variables,
                          java.time.Instant createdAt) {
    }

    /** The oldest unsent messages, at most {@code limit}. */
    public List<Message> unsent(int limit) {
        return jdbc.sql("""
                        select id, customer_id, channel, template_key, variables::text as variables, created_at
                          from loyalty_outbox where sent_at is null order by id limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> new Message(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("channel"),
                        rs.getString("template_key"), rs.getString("variables"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** Marks a message sent; false when it was already marked (a second drainer lost the race). */
    public boolean markSent(long id, Timestamp at) {
        return jdbc.sql("update loyalty_outbox set sent_at = :at where id = :id and sent_at is null")
                .param("id", id).param("at", at).update() == 1;
    }

    /** Queues the SMS for every row of {@code upgrades} (customer_id, old_tier, new_tier), listing what it unlocks. */
    static int queueUpgrades(JdbcClient jdbc, String upgrades, Timestamp now) {
        return jdbc.sql("""
                        insert into loyalty_outbox (customer_id, channel, template_key, variables, created_at)
                        select u.customer_id, 'SMS', '%s',
                               jsonb_build_object('tier', u.new_tier, 'from', u.old_tier, 'benefits', coalesce(
                                   (select jsonb_agg(jsonb_build_object('code', b.code, 'nameZh', b.name_zh, 'nameEn', b.name_en)
                                                     order by b.code)
                                      from loyalty_benefit b
                                     where b.active and u.new_tier = any(b.tiers) and not (u.old_tier = any(b.tiers))),
                                   '[]'::jsonb)), :now
                          from (%s) u""".formatted(TIER_UPGRADED, upgrades))
                .param("now", now).update();
    }
}
