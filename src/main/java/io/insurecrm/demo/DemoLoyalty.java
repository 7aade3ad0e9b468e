package io.insurecrm.demo;

import io.insurecrm.loyalty.LoyaltyEvaluation;
import io.insurecrm.loyalty.PointsLedger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loyalty activity for a fresh demo book, so the programme dashboard is not all zero: the programme is launched
 * (everyone evaluated, benefits activated), then, set-based and deterministic: points earned by the members' surveys
 * and home-protection classes of the last three years and by a safety inspection for one member in six; lots older
 * than the points validity written off by the ledger's own expiry; one member in four spending his oldest live lot;
 * and benefit redemptions at a rate per benefit (some below the low-usage mark). Balances end equal to the ledger.
 */
@Component
class DemoLoyalty {

    /** Percent of the entitled members who used a benefit once; the unlisted ones 10 %. */
    private static final String RATES = """
            (values ('SAFETY_HANDBOOK', 55), ('CLAIMS_GREEN_CHANNEL', 12), ('CLAIM_PROGRESS', 35), ('LEAK_INSPECTION', 30),
                    ('APPLIANCE_REPAIR', 22), ('APPLIANCE_CLEANING', 28), ('PIPE_BURST_LIABILITY', 18),
                    ('HOME_SAFETY_SERVICE', 26), ('PHOTO_SETTLEMENT', 14), ('FIRE_SAFETY_KIT', 40), ('CLAIMS_ADVISOR', 20),
                    ('SEASON_INSPECTION', 35), ('FAMILY_ACCIDENT_DISCOUNT', 6), ('PET_LIABILITY', 3)) as rate(code, percent)""";

    private final JdbcClient jdbc;
    private final LoyaltyEvaluation evaluation;
    private final PointsLedger points;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoLoyalty(JdbcClient jdbc, LoyaltyEvaluation evaluation, PointsLedger points, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.evaluation = evaluation;
        this.points = points;
        this.tx = tx;
        this.clock = clock;
    }

    /** Launches the programme on the book as of {@code today} and writes its activity; rows written per kind. */
    Map<String, Integer> generate(LocalDate today) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("members", evaluation.evaluateAll(today).evaluated());
        Timestamp now = Timestamp.from(clock.instant());
        String zone = clock.getZone().getId();
        tx.executeWithoutResult(status -> {
            rows.put("earned", jdbc.sql("""
                            insert into loyalty_points_entry (request_id, customer_id, kind, activity, points, remaining, expires_on,
                                                              reason, occurred_at, created_by)
                            select 'interaction-' || i.id, i.customer_id, 'EARN', a.activity, a.points, a.points,
                                   ((i.occurred_at at time zone :zone)::date + make_interval(months => r.valid))::date,
                                   a.activity, i.occurred_at, 'demo'
                              from interaction i
                              join loyalty_member m on m.customer_id = i.customer_id and m.tier <> 'NONE'
                              cross join (select (rules ->> 'pointsValidMonths')::int as valid, rules -> 'activityPoints' as ap
                                            from loyalty_rule_set where active) r
                              cross join lateral (select t.activity, (r.ap ->> t.activity)::int as points
                                                    from (select case i.type when 'SURVEY' then 'SURVEY' else 'HOME_CLASS' end as activity) t) a
                             where i.type in ('SURVEY', 'EVENT_ATTENDANCE')
                               and i.occurred_at >= cast(:today as date) - interval '36 months' and i.occurred_at < cast(:today as date)
                            on conflict (request_id) do nothing""")
                    .param("zone", zone).param("today", today).update());
            rows.put("inspections", jdbc.sql("""
                            insert into loyalty_points_entry (request_id, customer_id, kind, activity, points, remaining, expires_on,
                                                              reason, occurred_at, created_by)
                            select 'demo-inspection-' || m.customer_id, m.customer_id, 'EARN', 'SAFETY_INSPECTION', x.points, x.points,
                                   (x.day + make_interval(months => x.valid))::date, 'SAFETY_INSPECTION',
                                   (x.day + time '10:00') at time zone :zone, 'demo'
                              from loyalty_member m
                              cross join lateral (select cast(:today as date) - 1 - (m.customer_id / 6 % 700)::int as day,
                                                         (rules ->> 'pointsValidMonths')::int as valid,
                                                         (rules -> 'activityPoints' ->> 'SAFETY_INSPECTION')::int as points
                                                    from loyalty_rule_set where active) x
                             where m.tier <> 'NONE' and m.customer_id % 6 = 0
                            on conflict (request_id) do nothing""")
                    .param("zone", zone).param("today", today).update());
            balancesFromTheLedger();
        });
        // the ledger's own nightly expiry writes off the lots older than the validity (EXPIRE rows, balances moved)
        rows.put("expired", points.expire(today));
        tx.executeWithoutResult(status -> {
            rows.put("spent", jdbc.sql("""
                            with lot as (
                                select distinct on (customer_id) id, customer_id, remaining
                                  from loyalty_points_entry
                                 where remaining > 0 and expires_on >= :today and customer_id % 4 = 1
                                 order by customer_id, expires_on, id),
                            used as (
                                update loyalty_points_entry e set remaining = 0 from lot where e.id = lot.id
                                returning lot.id, lot.customer_id, lot.remaining)
                            insert into loyalty_points_entry (request_id, customer_id, kind, points, reason, reason_en, occurred_at,
                                                              created_by)
                            select 'demo-spend-' || id, customer_id, 'SPEND', -remaining, '积分兑换家居好礼', 'exchanged for a home gift',
                                   :now, 'demo' from used""")
                    .param("today", today).param("now", now).update());
            balancesFromTheLedger();
            // entitlements are activated for the period on first use (as a redemption does), each used once here
            rows.put("redeemed", jdbc.sql("""
                            with picked as (
                                select m.customer_id, m.tier, b.code, b.period, b.quota, b.validity_days
                                  from loyalty_member m
                                  join loyalty_benefit b on b.active and m.tier = any(b.tiers)
                                  left join""" + " " + RATES + """
                                    on rate.code = b.code
                                 where m.tier <> 'NONE'
                                   and (hashtext(b.code || ':' || m.customer_id)::bigint % 100 + 100) % 100 < coalesce(rate.percent, 10)),
                            activated as (
                                insert into loyalty_entitlement (customer_id, benefit_code, period_start, valid_until, quota, used,
                                                                 activated_on)
                                select customer_id, code, loyalty_period_start(period, :today),
                                       case when validity_days is null then loyalty_period_end(period, :today)
                                            else least(loyalty_period_end(period, :today), cast(:today as date) + validity_days - 1) end,
                                       quota, 1, :today
                                  from picked
                                on conflict (customer_id, benefit_code, period_start) do nothing
                                returning id, customer_id, benefit_code)
                            insert into loyalty_redemption (request_id, entitlement_id, customer_id, benefit_code, tier, channel,
                                                            redeemed_at, redeemed_by, note)
                            select 'demo-' || a.id, a.id, a.customer_id, a.benefit_code, p.tier, 'STAFF',
                                   greatest(cast(:now as timestamptz) - make_interval(mins => (a.id % 480)::int),
                                            (cast(:today as date) + time '00:00') at time zone :zone),
                                   'demo', null
                              from activated a join picked p on p.customer_id = a.customer_id and p.code = a.benefit_code""")
                    .param("today", today).param("now", now).param("zone", zone).update());
        });
        return rows;
    }

    private void balancesFromTheLedger() {
        jdbc.sql("""
                insert into loyalty_points_balance (customer_id, balance)
                select customer_id, sum(points) from loyalty_points_entry group by customer_id
                on conflict (customer_id) do update set balance = excluded.balance""").update();
    }
}
