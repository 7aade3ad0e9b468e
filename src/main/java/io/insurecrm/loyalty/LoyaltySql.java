package io.insurecrm.loyalty;

/**
 * The qualification SQL, shared by the whole-book evaluation, the one-customer evaluation and the renewal preview, so
 * their results are identical by construction. It selects (customer_id, qualified_tier, rule_set_id, years, premium,
 * points, reason, reason_en) as of {@code :today} for every holder of a home property policy that passes the filter on alias
 * {@code p}. Filters are the constants below, never caller input.
 * <p>
 * Insured years: the customer's home policies that have started, ordered by start; a policy starting more than
 * graceDays after the day every earlier one ended opens a new stretch of cover (a late renewal within the grace period
 * does not). The years are the whole years from the start of the latest stretch to its end or today, whichever is
 * first (0 when it ended more than graceDays ago). Annual premium: ACTIVE home policies. Points: earned in the twelve
 * months up to today. Basic needs an ACTIVE home policy; without one the customer is NONE (a former member).
 */
final class LoyaltySql {

    static final String EVERY_HOLDER = "true";
    static final String THESE_HOLDERS = "p.holder_id = any(:customerIds)";

    private static final String QUALIFICATION = """
            with r as (select id as rule_set_id, rules, (rules ->> 'graceDays')::int as grace from loyalty_rule_set where active),
                 home as (
                     select p.holder_id as customer_id, p.start_date, coalesce(p.terminated_on, p.end_date) as ends,
                            p.status, p.annual_premium
                       from policy p
                      where p.product_id in (select id from product where line = 'HOME_PROPERTY') and %1$s),
                 ordered as (
                     select h.customer_id, h.start_date, h.ends,
                            max(h.ends) over (partition by h.customer_id order by h.start_date, h.ends
                                              rows between unbounded preceding and 1 preceding) as prev_end
                       from home h where h.start_date <= :today),
                 islands as (
                     select o.*, sum(case when o.prev_end is null or o.start_date > o.prev_end + 1 + (select grace from r) then 1 else 0 end)
                                    over (partition by o.customer_id order by o.start_date, o.ends rows unbounded preceding) as island
                       from ordered o),
                 spans as (
                     select customer_id, min(start_date) as island_start, max(ends) as island_end,
                            row_number() over (partition by customer_id order by island desc) as latest
                       from islands group by customer_id, island),
                 years as (
                     select customer_id,
                            case when island_end + 1 + (select grace from r) < :today then 0
                                 else extract(year from age(least(island_end + 1, cast(:today as date)), island_start))::int end as years
                       from spans where latest = 1),
                 premium as (
                     select customer_id, coalesce(sum(annual_premium) filter (where status = 'ACTIVE'), 0) as premium,
                            bool_or(status = 'ACTIVE') as active
                       from home group by customer_id),
                 points as (
                     select e.customer_id, sum(e.points)::int as points
                       from loyalty_points_entry e
                      where e.kind = 'EARN' and e.occurred_at > cast(:today as date) - interval '1 year'
                        and e.occurred_at < cast(:today as date) + 1
                        and e.customer_id in (select customer_id from premium)
                      group by e.customer_id),
                 facts as (
                     select pr.customer_id, coalesce(y.years, 0) as years, pr.premium, coalesce(pt.points, 0) as points, pr.active
                       from premium pr left join years y using (customer_id) left join points pt using (customer_id)),
                 conditions as (
                     select t.tier, t."minYears" as min_years, t."premiumAbove" as premium_above, t."minPoints" as min_points
                       from r cross join jsonb_to_recordset(r.rules -> 'tiers')
                            as t(tier text, "minYears" int, "premiumAbove" numeric, "minPoints" int)),
                 best as (
                     select distinct on (f.customer_id) f.customer_id, c.tier, c.min_years, c.premium_above, c.min_points
                       from facts f
                       join conditions c on f.active and (f.years >= c.min_years or f.premium > c.premium_above or f.points >= c.min_points)
                      order by f.customer_id, loyalty_tier_rank(c.tier) desc)
            select f.customer_id,
                   case when not f.active then 'NONE' when b.tier is null then 'BASIC' else b.tier end as qualified_tier,
                   r.rule_set_id, f.years, f.premium, f.points,
                   case when not f.active then '无有效家财险保单'
                        when b.tier is null then '持有有效家财险保单（累计投保 ' || f.years || ' 年，年缴保费 ' || loyalty_amount(f.premium) || '）'
                        else concat_ws('；',
                            case when f.years >= b.min_years then '累计投保 ' || f.years || ' 年 ≥ ' || b.min_years || ' 年' end,
                            case when f.premium > b.premium_above then '家财险年缴保费 ' || loyalty_amount(f.premium) || ' > ' || loyalty_amount(b.premium_above) end,
                            case when f.points >= b.min_points then '近12个月积分 ' || f.points || ' ≥ ' || b.min_points end) end as reason,
                   case when not f.active then 'no active home policy'
                        when b.tier is null then 'holds an active home policy (' || f.years || ' insured years, annual premium '
                                                 || loyalty_amount(f.premium) || ')'
                        else concat_ws('; ',
                            case when f.years >= b.min_years then f.years || ' insured years ≥ ' || b.min_years end,
                            case when f.premium > b.premium_above then 'annual home premium ' || loyalty_amount(f.premium) || ' > ' || loyalty_amount(b.premium_above) end,
                            case when f.points >= b.min_points then 'points in the last 12 months ' || f.points || ' ≥ ' || b.min_points end) end as reason_en
              from facts f cross join r left join best b using (customer_id)
            """;

    static String qualification(String filter) {
        return QUALIFICATION.formatted(filter);
    }

    private LoyaltySql() {
    }
}
