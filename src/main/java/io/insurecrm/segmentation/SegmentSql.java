package io.insurecrm.segmentation;

/**
 * The placement SQL, one text per dimension, shared by the whole-book batch, the one-customer recompute and the
 * what-if preview so their results are identical by construction. Each text is a SELECT of
 * (customer_id, dimension, segment, rule_set_id, reason_key, reason_args, until) for the customers of a
 * filter on alias {@code c} and its rules source (id, rules): the active set, or proposed rules for a preview. Filters and sources are the constants below,
 * never caller input.
 * <p>
 * {@code until} is the first day after {@code :today} on which time alone (no write) may change the row: a birthday,
 * a recency cut, a window edge, a dated event falling due; null when only a write can change it. Every such edge the
 * row depends on must be among the candidates (an extra, earlier one only costs a recompute that changes nothing);
 * the nightly run recomputes a customer on the least {@code until} of his rows (segment_recheck.due).
 */
final class SegmentSql {

    static final String EVERY_CUSTOMER = "true";
    private static final String TAGGED_CUSTOMER_PLACEHOLDER = "{customer}";
    static final String THESE_CUSTOMERS = "c.id = any(:customerIds)";
    /**
     * The customers of the nightly run's temporary table segment_scope, each recomputed in the dimensions it names for
     * him ({@link #scopedCustomers}).
     */
    static final String SCOPED_CUSTOMERS = "c.id in (select customer_id from segment_scope)";
    /**
     * One chunk of a whole-book run: the customers with an id in (:afterId, :uptoId]. A range, so the plans stay the
     * whole-book ones (scans, hash and merge joins) over a part of the book.
     */
    static final String CUSTOMER_RANGE = "c.id > :afterId and c.id <= :uptoId";
    static final String ACTIVE_VALUE_RULES = "select id, rules from segment_rule_set where dimension = 'VALUE' and active";
    static final String PROPOSED_VALUE_RULES = "select cast(-1 as bigint) as id, cast(:proposedRules as jsonb) as rules";
    /** Proposed rules of any dimension, or proposed tag rules, bound as :proposedRules (a what-if preview). */
    static final String PROPOSED_RULES = PROPOSED_VALUE_RULES;
    static final String ACTIVE_TAG_RULES = "select id, rules from tag_rule_set where active";
    /** The placements a run staged: the customers its rule tags are derived for. */
    static final String RUN_PLACEMENTS = "segment_staging";
    /** The nightly run's placements of the customers whose rule tags it derives (staged or current). */
    static final String TAGGED_PLACEMENTS = "segment_tagged";
    /** Each rule (rule: its jsonb object) of the active tag rule set. */
    private static final String ACTIVE_TAG_RULE_ENTRIES = """
            select t.rule
              from tag_rule_set a cross join jsonb_array_elements(a.rules -> 'tags') as t(rule)
             where a.active and jsonb_typeof(a.rules -> 'tags') = 'array'""";
    /** The dimensions the active tag rules read. */
    static final String TAG_RULE_DIMENSIONS = "select e.rule ->> 'whenDimension' from (" + ACTIVE_TAG_RULE_ENTRIES + ") as e";
    /** For a tag-rule preview: the current placements of the customers of a data scope (DataScope.predicate on c). */
    static final String SCOPED_CURRENT_PLACEMENTS = "(select sp.customer_id, sp.dimension, sp.segment from segment_placement sp "
            + "join customer c on c.id = sp.customer_id where sp.valid_to is null and "
            + io.insurecrm.platform.security.DataScope.predicate("c") + ")";

    /**
     * %1$s: customer filter on c; %2$s: the VALUE rules (id, rules). Annual premium of the active policies he holds,
     * placed in the bands; but when the rules have a propertyContribution and every active policy he holds is of a
     * property product (product.category PROPERTY: HOME_PROPERTY, CORPORATE_PROPERTY, MOTOR, LIABILITY), the
     * contribution score (premium, renewal rate, property claims; {@link ValueRules.Contribution}) placed in its bands.
     */
    private static final String VALUE = """
            with value_rules as (%2$s),
                 bands as materialized (
                     select vr.id as rule_set_id, b.segment, b."from" as lower_bound, b."to" as upper_bound,
                            -- formatted once per band, not once per customer
                            segment_amount(b."from") as lower_text, coalesce(segment_amount(b."to"), '') as upper_text
                       from value_rules vr
                      cross join jsonb_to_recordset(vr.rules -> 'bands') as b(segment text, "from" numeric, "to" numeric)),
                 contribution as (
                     select vr.id as rule_set_id, k.*
                       from value_rules vr
                      cross join jsonb_to_record(vr.rules -> 'propertyContribution') as k("premiumWeight" numeric,
                            "premiumFull" numeric, "renewalWeight" numeric, "renewalYears" int, "renewalNoHistory" numeric,
                            "claimWeight" numeric, "claimYears" int, "claimsZero" numeric)
                      where jsonb_typeof(vr.rules -> 'propertyContribution') = 'object'),
                 contribution_bands as (
                     select b.segment, b."from" as lower_bound, b."to" as upper_bound
                       from value_rules vr
                      cross join jsonb_to_recordset(vr.rules -> 'propertyContribution' -> 'bands')
                            as b(segment text, "from" numeric, "to" numeric)),
                 premium as (
                     select c.id as customer_id, coalesce(sum(p.annual_premium), 0) as total,
                            coalesce(bool_and(pd.category = 'PROPERTY'), false) as property_only
                       from customer c
                       left join policy p on p.holder_id = c.id and p.status = 'ACTIVE'
                       left join product pd on pd.id = p.product_id
                      where %1$s
                      group by c.id),
                 -- property policies he holds that came up for renewal (ended) within renewalYears, and those renewed
                 renewal as (
                     select c.id as customer_id,
                            count(distinct p.id) filter (where p.end_date <= cast(:today as date)
                                and p.end_date > cast(:today as date) - make_interval(years => k."renewalYears")) as due,
                            count(distinct p.id) filter (where n.id is not null and p.end_date <= cast(:today as date)
                                and p.end_date > cast(:today as date) - make_interval(years => k."renewalYears")) as renewed,
                            -- an end falling due, or leaving the window
                            min(case when p.end_date > cast(:today as date) then p.end_date
                                     when segment_window_exit(p.end_date, 12 * k."renewalYears") > cast(:today as date)
                                     then segment_window_exit(p.end_date, 12 * k."renewalYears") end) as until
                       from customer c
                      cross join contribution k
                       join policy p on p.holder_id = c.id
                       join product pd on pd.id = p.product_id and pd.category = 'PROPERTY'
                       left join policy n on n.renews_policy_id = p.id
                      -- only the scored customers (those holding property policies alone): 41k of the 242k with
                      -- property policies at 1M (renewals 2.7 s instead of 10.3 at load 8)
                      where %1$s and c.id in (select customer_id from premium where property_only)
                      group by c.id),
                 property_claims as (
                     select c.id as customer_id,
                            count(*) filter (where cl.reported_on <= cast(:today as date)
                                and cl.reported_on > cast(:today as date) - make_interval(years => k."claimYears")) as claims,
                            -- a later claim falling due, or one leaving the window
                            min(case when cl.reported_on > cast(:today as date) then cl.reported_on
                                     when segment_window_exit(cl.reported_on, 12 * k."claimYears") > cast(:today as date)
                                     then segment_window_exit(cl.reported_on, 12 * k."claimYears") end) as until
                       from customer c
                      cross join contribution k
                       join claim cl on cl.customer_id = c.id
                       join policy p on p.id = cl.policy_id
                       join product pd on pd.id = p.product_id and pd.category = 'PROPERTY'
                      where %1$s and c.id in (select customer_id from premium where property_only)
                      group by c.id),
                 scored as (
                     select pr.customer_id, k.rule_set_id, k."renewalYears" as renewal_years, k."claimYears" as claim_years,
                            pr.total, coalesce(rn.due, 0) as due, coalesce(rn.renewed, 0) as renewed,
                            coalesce(cl.claims, 0) as claims,
                            round(k."premiumWeight" * least(pr.total / k."premiumFull", 1))::int as premium_points,
                            round(k."renewalWeight" * case when coalesce(rn.due, 0) = 0 then k."renewalNoHistory"
                                                           else cast(rn.renewed as numeric) / rn.due end)::int as renewal_points,
                            round(k."claimWeight" * greatest(0, 1 - coalesce(cl.claims, 0) / k."claimsZero"))::int as claim_points,
                            least(rn.until, cl.until) as until
                       from premium pr
                      cross join contribution k
                       left join renewal rn on rn.customer_id = pr.customer_id
                       left join property_claims cl on cl.customer_id = pr.customer_id
                      where pr.property_only)
            select pr.customer_id, 'VALUE' as dimension, b.segment, b.rule_set_id,
                   case when b.upper_bound is null then 'segmentation.reason.value.top'
                        when b.lower_bound = 0 then 'segmentation.reason.value.bottom'
                        else 'segmentation.reason.value.band' end as reason_key,
                   case when %3$s then jsonb_build_array(segment_amount(pr.total), b.lower_text, b.upper_text) end as reason_args,
                   cast(null as date) as until
              from premium pr
             -- the band of each customer looked up (the bands do not overlap): joined, the planner took the three bands
             -- as the outer side and read the million premiums three times (8.7 s against 6.5 s for this part at 1M)
             cross join lateral (select * from bands b
                                  where pr.total >= b.lower_bound and (b.upper_bound is null or pr.total < b.upper_bound)
                                  limit 1) b
             where not (pr.property_only and exists (select 1 from contribution))
            union all
            select s.customer_id, 'VALUE' as dimension, cb.segment, s.rule_set_id,
                   'segmentation.reason.value.contribution' as reason_key,
                   case when %3$s then jsonb_build_array((s.premium_points + s.renewal_points + s.claim_points)::text,
                                     segment_amount(s.total), s.premium_points::text, s.renewed::text, s.due::text,
                                     s.renewal_points::text, s.claims::text, s.claim_points::text,
                                     s.renewal_years::text, s.claim_years::text) end as reason_args,
                   s.until
              from scored s
              join contribution_bands cb on s.premium_points + s.renewal_points + s.claim_points >= cb.lower_bound
                   and (cb.upper_bound is null or s.premium_points + s.renewal_points + s.claim_points < cb.upper_bound)
            """;

    /**
     * %1$s: customer filter on c; %2$s: the rules (id, rules). First matching rule wins (docs/segmentation.md): CORPORATE; SENIOR (age ≥
     * seniorFrom); NEW_FAMILY (youngest child in the household under smallChildUnder, or married, under youngUnder
     * and no child); SUPPORTING (a child in the household, or youngUnder or older with a parent in it); YOUNG_SINGLE
     * (under youngUnder); ESTABLISHED (the rest: youngUnder–seniorFrom without child or parent in the household).
     * Children and parents are the household's CHILD and PARENT members, counted for its SELF and SPOUSE members.
     */
    private static final String LIFE_STAGE = """
            with stage_rules as (
                     select id as rule_set_id, (rules ->> 'youngUnder')::int as young_under,
                            (rules ->> 'seniorFrom')::int as senior_from, (rules ->> 'smallChildUnder')::int as small_child_under
                       from (%2$s) as rs),
                 dependants as (
                     select me.customer_id,
                            bool_or(o.relationship = 'CHILD') as has_child,
                            bool_or(o.relationship = 'PARENT') as has_parent,
                            min(extract(year from age(cast(:today as date), k.birth_date))::int)
                                filter (where o.relationship = 'CHILD') as youngest_child,
                            min(segment_next_birthday(k.birth_date, cast(:today as date)))
                                filter (where o.relationship = 'CHILD') as child_birthday
                       from customer c
                       join household_member me on me.customer_id = c.id and me.relationship in ('SELF', 'SPOUSE')
                       join household_member o on o.household_id = me.household_id and o.customer_id <> me.customer_id
                       join customer k on k.id = o.customer_id
                      where %1$s
                      group by me.customer_id),
                 person as (
                     select c.id as customer_id, c.kind, c.marital_status,
                            extract(year from age(cast(:today as date), c.birth_date))::int as age,
                            coalesce(d.has_child, false) as has_child, coalesce(d.has_parent, false) as has_parent,
                            d.youngest_child, segment_next_birthday(c.birth_date, cast(:today as date)) as birthday,
                            d.child_birthday
                       from customer c
                       left join dependants d on d.customer_id = c.id
                      where %1$s),
                 staged as (
                     select p.*, r.*,
                            case when p.kind = 'CORPORATE' then 'CORPORATE'
                                 when p.age >= r.senior_from then 'SENIOR'
                                 when p.youngest_child < r.small_child_under then 'NEW_FAMILY'
                                 when p.marital_status = 'MARRIED' and p.age < r.young_under and not p.has_child then 'NEW_FAMILY'
                                 when p.has_child or (p.age >= r.young_under and p.has_parent) then 'SUPPORTING'
                                 when p.age < r.young_under then 'YOUNG_SINGLE'
                                 else 'ESTABLISHED' end as segment
                       from person p cross join stage_rules r)
            select s.customer_id, 'LIFE_STAGE' as dimension, s.segment, s.rule_set_id,
                   'segmentation.reason.lifeStage.' || case s.segment
                       when 'CORPORATE' then 'corporate'
                       when 'SENIOR' then 'senior'
                       when 'NEW_FAMILY' then
                           case when s.youngest_child < s.small_child_under then 'newFamily.child' else 'newFamily.married' end
                       when 'SUPPORTING' then
                           case when s.has_child and s.has_parent then 'supporting.both'
                                when s.has_child then 'supporting.child' else 'supporting.parent' end
                       when 'YOUNG_SINGLE' then 'youngSingle.'
                           || case when s.marital_status in ('SINGLE', 'DIVORCED', 'WIDOWED') then s.marital_status else 'UNKNOWN' end
                       else 'established' end as reason_key,
                   -- only what the reason names, so nothing else opens a new period
                   case when %3$s then case s.segment
                       when 'CORPORATE' then jsonb_build_array()
                       when 'SENIOR' then jsonb_build_array(s.age::text, s.senior_from::text)
                       when 'NEW_FAMILY' then
                           case when s.youngest_child < s.small_child_under
                                then jsonb_build_array(s.age::text, s.youngest_child::text, s.small_child_under::text)
                                else jsonb_build_array(s.age::text, s.young_under::text) end
                       when 'SUPPORTING' then
                           case when s.has_child then jsonb_build_array(s.age::text, coalesce(s.youngest_child::text, '?'))
                                else jsonb_build_array(s.age::text) end
                       when 'YOUNG_SINGLE' then jsonb_build_array(s.age::text, s.young_under::text)
                       else jsonb_build_array(s.age::text) end end as reason_args,
                   case when s.segment <> 'CORPORATE' then least(s.birthday, s.child_birthday) end as until
              from staged s
            """;

    /**
     * %1$s: customer filter on c; %2$s: the rules (id, rules). BEHAVIOUR (RFM, {@link BehaviourRules}): recency = days since the last interaction
     * or policy event (start, termination or end of a policy he holds, up to today); frequency = interactions plus
     * policies started within the window; monetary = annual premium of his active policies. The 125 score combinations
     * are mapped to segments once (first matching segment), then looked up by index.
     */
    private static final String BEHAVIOUR = """
            with rfm_rules as (
                     select id as rule_set_id, (rules ->> 'windowMonths')::int as window_months, rules -> 'segments' as segments,
                            (rules -> 'recencyDays' ->> 0)::numeric as r1, (rules -> 'recencyDays' ->> 1)::numeric as r2,
                            (rules -> 'recencyDays' ->> 2)::numeric as r3, (rules -> 'recencyDays' ->> 3)::numeric as r4,
                            (rules -> 'frequency' ->> 0)::numeric as f1, (rules -> 'frequency' ->> 1)::numeric as f2,
                            (rules -> 'frequency' ->> 2)::numeric as f3, (rules -> 'frequency' ->> 3)::numeric as f4,
                            (rules -> 'monetary' ->> 0)::numeric as m1, (rules -> 'monetary' ->> 1)::numeric as m2,
                            (rules -> 'monetary' ->> 2)::numeric as m3, (rules -> 'monetary' ->> 3)::numeric as m4
                       from (%2$s) as rs),
                 -- the 125 score combinations mapped once, as an array indexed by (R - 1) * 25 + (F - 1) * 5 + M
                 grid as materialized (
                     select array_agg((select e.s ->> 'segment' from jsonb_array_elements(w.segments) with ordinality as e(s, ord)
                                        where rs between coalesce((e.s ->> 'minR')::int, 1) and coalesce((e.s ->> 'maxR')::int, 5)
                                          and fs between coalesce((e.s ->> 'minF')::int, 1) and coalesce((e.s ->> 'maxF')::int, 5)
                                          and ms between coalesce((e.s ->> 'minM')::int, 1) and coalesce((e.s ->> 'maxM')::int, 5)
                                        order by e.ord limit 1) order by rs, fs, ms) as segments
                       from rfm_rules w, generate_series(1, 5) rs, generate_series(1, 5) fs, generate_series(1, 5) ms),
                 held as (
                     select c.id as customer_id,
                            coalesce(sum(p.annual_premium) filter (where p.status = 'ACTIVE'), 0) as monetary,
                            max(greatest(case when p.start_date <= cast(:today as date) then p.start_date end,
                                         case when p.terminated_on <= cast(:today as date) then p.terminated_on end,
                                         case when p.end_date <= cast(:today as date) then p.end_date end)) as last_policy_event,
                            count(p.id) filter (where p.start_date <= cast(:today as date)
                                and p.start_date > cast(:today as date) - make_interval(months => w.window_months)) as policies,
                            -- a dated event falling due, or a start leaving the window
                            min(least(case when p.start_date > cast(:today as date) then p.start_date end,
                                      case when p.terminated_on > cast(:today as date) then p.terminated_on end,
                                      case when p.end_date > cast(:today as date) then p.end_date end,
                                      case when segment_window_exit(p.start_date, w.window_months) > cast(:today as date)
                                           then segment_window_exit(p.start_date, w.window_months) end)) as policy_until
                       from customer c
                      cross join rfm_rules w
                       left join policy p on p.holder_id = c.id
                      where %1$s
                      group by c.id),
                 contacts as (
                     select c.id as customer_id,
                            max(cast(i.occurred_at as date)) filter (where i.occurred_at < cast(:today as date) + 1) as last_contact,
                            count(*) filter (where i.occurred_at < cast(:today as date) + 1
                                and i.occurred_at >= cast(:today as date) + 1 - make_interval(months => w.window_months)) as contacts,
                            -- a later interaction falling due, or one leaving the window
                            min(case when i.occurred_at >= cast(:today as date) + 1 then cast(i.occurred_at as date)
                                     when segment_window_exit(cast(i.occurred_at as date) + 1, w.window_months) - 1 > cast(:today as date)
                                     then segment_window_exit(cast(i.occurred_at as date) + 1, w.window_months) - 1 end) as contact_until
                       from customer c
                      cross join rfm_rules w
                       join interaction i on i.customer_id = c.id
                      where %1$s
                      group by c.id),
                 scored as (
                     select h.customer_id, w.*, h.monetary,
                            greatest(h.last_policy_event, ct.last_contact) as last_event,
                            h.policies + coalesce(ct.contacts, 0) as frequency,
                            least(h.policy_until, ct.contact_until) as event_until
                       from held h
                      cross join rfm_rules w
                       left join contacts ct on ct.customer_id = h.customer_id),
                 rfm as (
                     select s.*,
                            case when s.last_event is null then 1
                                 when cast(:today as date) - s.last_event < s.r1 then 5
                                 when cast(:today as date) - s.last_event < s.r2 then 4
                                 when cast(:today as date) - s.last_event < s.r3 then 3
                                 when cast(:today as date) - s.last_event < s.r4 then 2 else 1 end as rs,
                            case when s.frequency >= s.f4 then 5 when s.frequency >= s.f3 then 4
                                 when s.frequency >= s.f2 then 3 when s.frequency >= s.f1 then 2 else 1 end as fs,
                            case when s.monetary >= s.m4 then 5 when s.monetary >= s.m3 then 4
                                 when s.monetary >= s.m2 then 3 when s.monetary >= s.m1 then 2 else 1 end as ms
                       from scored s)
            select x.customer_id, 'BEHAVIOUR' as dimension, g.segments[(x.rs - 1) * 25 + (x.fs - 1) * 5 + x.ms] as segment, x.rule_set_id,
                   case when x.last_event is null then 'segmentation.reason.behaviour.never'
                        else 'segmentation.reason.behaviour' end as reason_key,
                   case when %3$s then jsonb_build_array(x.rs::text, coalesce(to_char(x.last_event, 'YYYY-MM-DD'), ''), x.fs::text,
                                     x.frequency::text, x.ms::text, segment_amount(x.monetary), x.window_months::text) end as reason_args,
                   -- or the recency score dropping: days since the last event reaching the next cut
                   least(x.event_until,
                         case when x.last_event + ceil(x.r1)::int > cast(:today as date) then x.last_event + ceil(x.r1)::int end,
                         case when x.last_event + ceil(x.r2)::int > cast(:today as date) then x.last_event + ceil(x.r2)::int end,
                         case when x.last_event + ceil(x.r3)::int > cast(:today as date) then x.last_event + ceil(x.r3)::int end,
                         case when x.last_event + ceil(x.r4)::int > cast(:today as date) then x.last_event + ceil(x.r4)::int end) as until
              from rfm x
              -- a lookup, not a join: joined on the three scores, the planner matched the M score alone before the
              -- contacts were known (25 rows per customer on the whole book) and filtered R and F afterwards
             cross join grid g
            """;

    /**
     * %1$s: customer filter on c; %2$s: the rules (id, rules). RISK ({@link RiskRules}): industry points of a corporate customer, climate points of
     * his region when he holds an active property policy, points per claim on a property policy and — only when his
     * latest SENSITIVE_DATA consent is a grant (as privacy.ConsentRegistry reads it) — per claim on a health policy
     * (MEDICAL, CRITICAL_ILLNESS, LONG_TERM_CARE), claims reported within claimYears, each capped; the total is placed
     * in the level bands.
     */
    private static final String RISK = """
            with risk_rules as (
                     select id as rule_set_id, rules, (rules ->> 'claimYears')::int as claim_years,
                            (rules ->> 'industryDefault')::int as industry_default,
                            (rules ->> 'perPropertyClaim')::int as per_property_claim,
                            (rules ->> 'perHealthClaim')::int as per_health_claim, (rules ->> 'claimPointsCap')::int as cap
                       from (%2$s) as rs),
                 levels as (
                     select b.segment, b."from" as lower_bound, b."to" as upper_bound
                       from risk_rules rr
                      cross join jsonb_to_recordset(rr.rules -> 'levels') as b(segment text, "from" numeric, "to" numeric)),
                 claims as (
                     select c.id as customer_id,
                            count(*) filter (where pr.category = 'PROPERTY' and cl.reported_on <= cast(:today as date)
                                and cl.reported_on > cast(:today as date) - make_interval(years => rr.claim_years)) as property_claims,
                            count(*) filter (where pr.line in ('MEDICAL', 'CRITICAL_ILLNESS', 'LONG_TERM_CARE')
                                and cl.reported_on <= cast(:today as date)
                                and cl.reported_on > cast(:today as date) - make_interval(years => rr.claim_years)) as health_claims,
                            -- a later claim falling due, or one leaving the window
                            min(case when cl.reported_on > cast(:today as date) then cl.reported_on
                                     when segment_window_exit(cl.reported_on, 12 * rr.claim_years) > cast(:today as date)
                                     then segment_window_exit(cl.reported_on, 12 * rr.claim_years) end) as until
                       from customer c
                      cross join risk_rules rr
                       join claim cl on cl.customer_id = c.id
                       join policy p on p.id = cl.policy_id
                       join product pr on pr.id = p.product_id
                      where %1$s
                      group by c.id),
                 property_holders as (
                     select distinct p.holder_id as customer_id
                       from customer c
                       join policy p on p.holder_id = c.id and p.status = 'ACTIVE'
                       join product pr on pr.id = p.product_id and pr.category = 'PROPERTY'
                      where %1$s),
                 consented as (
                     select latest.customer_id
                       from (select distinct on (s.customer_id) s.customer_id, s.granted
                               from customer c
                               join consent s on s.customer_id = c.id and s.purpose = 'SENSITIVE_DATA'
                              where %1$s
                              order by s.customer_id, s.recorded_at desc, s.id desc) latest
                      where latest.granted),
                 scored as (
                     select c.id as customer_id, rr.rule_set_id, cl.until,
                            case when c.kind = 'CORPORATE'
                                 then coalesce((rr.rules -> 'industry' ->> c.industry)::int, rr.industry_default) else 0 end
                                as industry_points,
                            case when ph.customer_id is not null
                                 then coalesce((rr.rules -> 'climate' ->> rg.climate)::int, 0) else 0 end as climate_points,
                            least(coalesce(cl.property_claims, 0) * rr.per_property_claim, rr.cap) as property_points,
                            case when cs.customer_id is not null
                                 then least(coalesce(cl.health_claims, 0) * rr.per_health_claim, rr.cap) end as health_points
                       from customer c
                      cross join risk_rules rr
                       join region rg on rg.code = c.region_code
                       left join claims cl on cl.customer_id = c.id
                       left join property_holders ph on ph.customer_id = c.id
                       left join consented cs on cs.customer_id = c.id
                      where %1$s),
                 totals as (
                     select s.*, s.industry_points + s.climate_points + s.property_points + coalesce(s.health_points, 0) as total
                       from scored s)
            select t.customer_id, 'RISK' as dimension, l.segment, t.rule_set_id,
                   case when t.health_points is null then 'segmentation.reason.risk.noHealthConsent'
                        else 'segmentation.reason.risk' end as reason_key,
                   case when %3$s then jsonb_build_array(t.total::text, t.industry_points::text, t.climate_points::text,
                                     t.property_points::text, coalesce(t.health_points, 0)::text) end as reason_args,
                   t.until
              from totals t
              join levels l on t.total >= l.lower_bound and (l.upper_bound is null or t.total < l.upper_bound)
            """;

    /**
     * %1$s: customer filter on c; %2$s: the rules (id, rules). DYNAMIC ({@link DynamicRules}): lapses = policies he holds that lapsed or were
     * cancelled, or expired with no policy renewing them, within the window; renewals = policies he holds renewing
     * another, started within the window; contact = interactions in the latest contactMonths and in the contactMonths
     * before. CHURN_RISK (lapses, then declining contact), LOYAL (renewals), POTENTIAL — in that order.
     */
    private static final String DYNAMIC = """
            with dyn_rules as (
                     select id as rule_set_id, (rules ->> 'windowMonths')::int as window_months,
                            (rules ->> 'churnRiskMinLapses')::int as min_lapses, (rules ->> 'contactMonths')::int as contact_months,
                            (rules ->> 'contactMinBefore')::int as contact_min_before,
                            (rules ->> 'contactDropRatio')::numeric as drop_ratio, (rules ->> 'loyalMinRenewals')::int as min_renewals
                       from (%2$s) as rs),
                 history as (
                     select c.id as customer_id,
                            count(p.id) filter (where p.renews_policy_id is not null and p.start_date <= cast(:today as date)
                                and p.start_date > cast(:today as date) - make_interval(months => d.window_months)) as renewals,
                            count(p.id) filter (where (p.status in ('LAPSED', 'CANCELLED')
                                    and p.terminated_on <= cast(:today as date)
                                    and p.terminated_on > cast(:today as date) - make_interval(months => d.window_months))
                                or (p.status = 'EXPIRED' and n.id is null and p.end_date <= cast(:today as date)
                                    and p.end_date > cast(:today as date) - make_interval(months => d.window_months))) as lapses,
                            -- the date a renewal, lapse or expiry counts from falling due, or leaving the window
                            min(case when p.start_date > cast(:today as date) then p.start_date
                                     when segment_window_exit(p.start_date, d.window_months) > cast(:today as date)
                                     then segment_window_exit(p.start_date, d.window_months) end)
                                filter (where p.renews_policy_id is not null) as renewal_until,
                            min(case when p.terminated_on > cast(:today as date) then p.terminated_on
                                     when segment_window_exit(p.terminated_on, d.window_months) > cast(:today as date)
                                     then segment_window_exit(p.terminated_on, d.window_months) end)
                                filter (where p.status in ('LAPSED', 'CANCELLED')) as lapse_until,
                            min(case when p.end_date > cast(:today as date) then p.end_date
                                     when segment_window_exit(p.end_date, d.window_months) > cast(:today as date)
                                     then segment_window_exit(p.end_date, d.window_months) end)
                                filter (where p.status = 'EXPIRED' and n.id is null) as expiry_until
                       from customer c
                      cross join dyn_rules d
                       left join policy p on p.holder_id = c.id
                       left join policy n on n.renews_policy_id = p.id
                      where %1$s
                      group by c.id),
                 contacts as (
                     select c.id as customer_id,
                            count(*) filter (where i.occurred_at < cast(:today as date) + 1 and i.occurred_at >= cast(:today as date) + 1
                                                  - make_interval(months => d.contact_months)) as recent,
                            count(*) filter (where i.occurred_at < cast(:today as date) + 1
                                                  - make_interval(months => d.contact_months)
                                and i.occurred_at >= cast(:today as date) + 1 - make_interval(months => 2 * d.contact_months)) as earlier,
                            -- a later interaction falling due, or one moving from recent to earlier, or leaving both
                            min(case when i.occurred_at >= cast(:today as date) + 1 then cast(i.occurred_at as date)
                                     when segment_window_exit(cast(i.occurred_at as date) + 1, d.contact_months) - 1 > cast(:today as date)
                                     then segment_window_exit(cast(i.occurred_at as date) + 1, d.contact_months) - 1
                                     when segment_window_exit(cast(i.occurred_at as date) + 1, 2 * d.contact_months) - 1 > cast(:today as date)
                                     then segment_window_exit(cast(i.occurred_at as date) + 1, 2 * d.contact_months) - 1 end) as until
                       from customer c
                      cross join dyn_rules d
                       join interaction i on i.customer_id = c.id
                      where %1$s
                      group by c.id),
                 staged as (
                     select h.customer_id, d.*, h.renewals, h.lapses,
                            coalesce(ct.recent, 0) as recent, coalesce(ct.earlier, 0) as earlier,
                            least(h.renewal_until, h.lapse_until, h.expiry_until, ct.until) as until
                       from history h
                      cross join dyn_rules d
                       left join contacts ct on ct.customer_id = h.customer_id),
                 placed as (
                     select s.*,
                            case when s.lapses >= s.min_lapses then 'lapses'
                                 when s.earlier >= s.contact_min_before and s.recent < s.earlier * s.drop_ratio then 'contactDrop'
                                 when s.renewals >= s.min_renewals then 'loyal'
                                 else 'potential' end as why
                       from staged s)
            select p.customer_id, 'DYNAMIC' as dimension,
                   case p.why when 'lapses' then 'CHURN_RISK' when 'contactDrop' then 'CHURN_RISK'
                              when 'loyal' then 'LOYAL' else 'POTENTIAL' end as segment,
                   p.rule_set_id, 'segmentation.reason.dynamic.' || p.why as reason_key,
                   case when %3$s then jsonb_build_array(p.window_months::text, p.renewals::text, p.lapses::text,
                                     p.contact_months::text, p.earlier::text, p.recent::text) end as reason_args,
                   p.until
              from placed p
            """;

    static String behaviour(String customerFilter) {
        return behaviour(customerFilter, activeRules(Dimension.BEHAVIOUR));
    }

    static String behaviour(String customerFilter, String rules) {
        return BEHAVIOUR.formatted(customerFilter, rules, WITH_REASONS);
    }

    static String risk(String customerFilter) {
        return risk(customerFilter, activeRules(Dimension.RISK));
    }

    static String risk(String customerFilter, String rules) {
        return RISK.formatted(customerFilter, rules, WITH_REASONS);
    }

    static String dynamic(String customerFilter) {
        return dynamic(customerFilter, activeRules(Dimension.DYNAMIC));
    }

    static String dynamic(String customerFilter, String rules) {
        return DYNAMIC.formatted(customerFilter, rules, WITH_REASONS);
    }

    /**
     * %1$s: the placements to tag (customer_id, dimension, segment); %2$s: the tag rules (id, rules). The rule tags of
     * the tag rules ({@link TagRules}) for the customers of a run: a tag for each customer
     * placed by the run in one of the rule's segments (the run's temporary segment_staging, which holds his placements
     * of today for every dimension, as they are current once the run has written them) who holds or is insured by no
     * active policy of the lines it lacks. A tag-rule preview passes the current placements of the caller's scope.
     */
    private static final String RULE_TAGS = """
            with tag_rules as (
                     select tr.id as tag_rule_set_id, t.*
                       from (%2$s) as tr
                      cross join jsonb_to_recordset(tr.rules -> 'tags')
                            as t("tagDimension" text, tag text, "whenDimension" text, "whenSegments" jsonb, "lacksLines" jsonb)),
                 -- the product lines as bits of a bigint (the lines of the product table, 12 by its check): a set of
                 -- lines is one number, so what a customer holds is a bit_or and a rule's gap one bitwise and
                 line_bits as materialized (
                     select array_agg(line order by line) as names from (select distinct line from product) l),
                 product_bits as materialized (
                     select pr.id as product_id, cast(1 as bigint) << (array_position(lb.names, pr.line) - 1) as bit
                       from product pr cross join line_bits lb),
                 -- one row per rule and segment it applies to, carrying what its tags carry, built once per rule (not
                 -- per customer); lines no product has are never held, so they add no bit
                 rule_segments as materialized (
                     select distinct r.tag_rule_set_id, r."tagDimension" as tag_dimension, r.tag, r."whenDimension" as dimension,
                            w.segment, r."lacksLines" is not null as lacks,
                            case when r."lacksLines" is null then 'segmentation.tag.reason'
                                 else 'segmentation.tag.reason.lacks' end as reason_key,
                            jsonb_build_array(r."whenDimension", w.segment,
                                coalesce((select string_agg(l, ', ') from jsonb_array_elements_text(r."lacksLines") l), ''))
                                as reason_args,
                            coalesce((select bit_or(cast(1 as bigint) << (array_position(lb.names, l) - 1))
                                        from jsonb_array_elements_text(r."lacksLines") l), 0) as lacks_bits
                       from tag_rules r
                      cross join line_bits lb
                      cross join jsonb_array_elements_text(r."whenSegments") as w(segment)
                      where jsonb_typeof(r."whenSegments") = 'array'),
                 tagged as (
                     select sp.customer_id, rs.*
                       from %1$s sp
                       join rule_segments rs on rs.dimension = sp.dimension and rs.segment = sp.segment),
                 -- the product lines of the active policies each customer of the placements holds or is insured by, as
                 -- bits (filtered to the customers of the placements, or not at all for the whole book: aggregating every
                 -- active policy costs less than finding a million customers among the placements first)
                 covered as (
                     select x.customer_id, bit_or(x.bit) as lines
                       from (select p.holder_id as customer_id, pb.bit
                               from policy p join product_bits pb on pb.product_id = p.product_id
                              where p.status = 'ACTIVE' and %3$s
                             union all
                             select p.insured_id, pb.bit
                               from policy p join product_bits pb on pb.product_id = p.product_id
                              where p.status = 'ACTIVE' and %4$s) x
                      group by x.customer_id)
            select t.customer_id, t.tag_dimension, t.tag, t.tag_rule_set_id, t.reason_key, t.reason_args
              from tagged t
              left join covered cv on cv.customer_id = t.customer_id
             where not t.lacks or coalesce(cv.lines, 0) & t.lacks_bits = 0
            """;

    /**
     * The tags (tag_dimension, tag) that an active tag rule reading dimension :dimension makes: what a rule change of that
     * dimension re-derives (the rule-change run of one dimension, {@link SegmentRecompute}).
     */
    static final String TAGS_OF_DIMENSION = """
            select e.rule ->> 'tagDimension' as tag_dimension, e.rule ->> 'tag' as tag
              from (%s) as e
             where e.rule ->> 'whenDimension' = :dimension""".formatted(ACTIVE_TAG_RULE_ENTRIES);
    /**
     * The active tag rules (id, rules) that make one of the {@link #TAGS_OF_DIMENSION}: those reading the dimension, and
     * any rule of another dimension making the same tag.
     */
    static final String ACTIVE_TAG_RULES_OF_DIMENSION = """
            select tr.id, jsonb_build_object('tags', coalesce((
                       select jsonb_agg(t.rule) from jsonb_array_elements(tr.rules -> 'tags') as t(rule)
                        where (t.rule ->> 'tagDimension', t.rule ->> 'tag') in (%s)), '[]'::jsonb)) as rules
              from tag_rule_set tr
             where tr.active and jsonb_typeof(tr.rules -> 'tags') = 'array'""".formatted(TAGS_OF_DIMENSION);
    /** The dimensions the rules of {@link #ACTIVE_TAG_RULES_OF_DIMENSION} read. */
    static final String DIMENSIONS_OF_TAG_RULES = """
            select distinct t.rule ->> 'whenDimension'
              from (%s) as tr cross join jsonb_array_elements(tr.rules -> 'tags') as t(rule)""".formatted(ACTIVE_TAG_RULES_OF_DIMENSION);
    /** Every current placement: what a tag-rule change tags. */
    static final String CURRENT_PLACEMENTS = "(select customer_id, dimension, segment from segment_placement where valid_to is null)";
    /** Whether one of the {@link #ACTIVE_TAG_RULES_OF_DIMENSION} names lines the customer must lack. */
    static final String TAG_RULES_OF_DIMENSION_LACK_LINES = """
            select exists (select 1 from (%s) as tr cross join jsonb_array_elements(tr.rules -> 'tags') as t(rule)
                            where jsonb_typeof(t.rule -> 'lacksLines') is distinct from 'null'
                              and t.rule -> 'lacksLines' is not null)""".formatted(ACTIVE_TAG_RULES_OF_DIMENSION);
    /** No customer's lines are read: no rule lacks lines. */
    static final String NO_TAGGED_CUSTOMER = "false";

    /**
     * The placements a rule-change run of one dimension tags: its staged placements, and the current ones of the other
     * dimensions (enum constants, never caller input) that rules making the same tags read.
     */
    static String runPlacementsWith(java.util.Collection<Dimension> others) {
        return others.isEmpty() ? RUN_PLACEMENTS
                : "(select customer_id, dimension, segment from segment_staging union all "
                  + "select customer_id, dimension, segment from segment_placement where valid_to is null and dimension in ("
                  + others.stream().map(d -> "'" + d.name() + "'").collect(java.util.stream.Collectors.joining(", ")) + "))";
    }

    /** What a customer filter of {@link #ruleTags(String, String, String)} names a policy's holder or insured by. */
    static final String TAGGED_CUSTOMER = TAGGED_CUSTOMER_PLACEHOLDER;
    /** Every customer: the whole book's placements are tagged. */
    static final String EVERY_TAGGED_CUSTOMER = "true";

    static String ruleTags() {
        return ruleTags(RUN_PLACEMENTS, ACTIVE_TAG_RULES);
    }

    /** The rule tags of {@code rules} (a rules source) for {@code placements} (a relation, a constant below). */
    static String ruleTags(String placements, String rules) {
        return ruleTags(placements, rules, TAGGED_CUSTOMER + " in (select pl.customer_id from " + placements + " pl)");
    }

    /**
     * The rule tags of {@code rules} for {@code placements}, reading the lines of the customers of {@code customers}: a
     * condition on {@link #TAGGED_CUSTOMER} that holds for (at least) every customer of the placements, or
     * {@link #EVERY_TAGGED_CUSTOMER} when they are the whole book.
     */
    static String ruleTags(String placements, String rules, String customers) {
        return RULE_TAGS.formatted(placements, rules, customers.replace(TAGGED_CUSTOMER, "p.holder_id"),
                customers.replace(TAGGED_CUSTOMER, "p.insured_id"));
    }

    static String value(String customerFilter, String rules) {
        return VALUE.formatted(customerFilter, rules, WITH_REASONS);
    }

    /** The customers of the nightly run's segment_scope to recompute in {@code dimension} (its column there). */
    static String scopedCustomers(Dimension dimension) {
        return "c.id in (select customer_id from segment_scope where " + SegmentRecompute.scopeColumn(dimension) + ")";
    }

    static String lifeStage(String customerFilter) {
        return lifeStage(customerFilter, activeRules(Dimension.LIFE_STAGE));
    }

    static String lifeStage(String customerFilter, String rules) {
        return LIFE_STAGE.formatted(customerFilter, rules, WITH_REASONS);
    }

    /**
     * %3$s of every dimension statement: whether it builds each placement's reason arguments (a recompute stores them)
     * or leaves them null (a what-if preview counts segments only: formatting the amounts and building the arrays of
     * the whole book was a quarter to a third of the VALUE statement — 1M book, docs/benchmarks.md "what-if preview
     * without reasons").
     */
    private static final String WITH_REASONS = "true";
    private static final String WITHOUT_REASONS = "false";

    /**
     * The segments alone (reason arguments null) a dimension's rules would give, for a what-if preview: the same
     * statement as {@link #of}, the reasons left unbuilt.
     */
    static String segmentsOnly(Dimension dimension, String customerFilter, String rules) {
        return statement(dimension).formatted(customerFilter, rules, WITHOUT_REASONS);
    }

    /** The text of a dimension with its rules source: what the recompute (active) or a preview (proposed) uses. */
    static String of(Dimension dimension, String customerFilter, String rules) {
        return statement(dimension).formatted(customerFilter, rules, WITH_REASONS);
    }

    private static String statement(Dimension dimension) {
        return switch (dimension) {
            case VALUE -> VALUE;
            case LIFE_STAGE -> LIFE_STAGE;
            case BEHAVIOUR -> BEHAVIOUR;
            case RISK -> RISK;
            case DYNAMIC -> DYNAMIC;
        };
    }

    /** The active rule set (id, rules) of a dimension; the dimension is an enum constant, never caller input. */
    static String activeRules(Dimension dimension) {
        return dimension == Dimension.VALUE ? ACTIVE_VALUE_RULES
                : "select id, rules from segment_rule_set where dimension = '" + dimension.name() + "' and active";
    }

    private SegmentSql() {
    }
}
