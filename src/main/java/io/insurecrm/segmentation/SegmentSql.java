package io.insurecrm.segmentation;

/**
 * The placement SQL, one text per dimension, shared by the whole-book batch, the one-customer recompute and the
 * what-if preview so their results are identical by construction. Each text is a SELECT of
 * (customer_id, dimension, segment, rule_set_id, reason or reason_key and reason_args, until) for the customers of a
 * filter on alias {@code c}; the VALUE text also takes its rules source. Filters and sources are the constants below,
 * never caller input.
 * <p>
 * {@code until} is the first day after {@code :today} on which time alone (no write) may change the row: a birthday,
 * a recency cut, a window edge, a dated event falling due; null when only a write can change it. Every such edge the
 * row depends on must be among the candidates (an extra, earlier one only costs a recompute that changes nothing);
 * the nightly run recomputes a customer on the least {@code until} of his rows (segment_recheck.due).
 */
final class SegmentSql {

    static final String EVERY_CUSTOMER = "true";
    static final String THESE_CUSTOMERS = "c.id = any(:customerIds)";
    /** The customers of the nightly run's temporary table segment_scope. */
    static final String SCOPED_CUSTOMERS = "c.id in (select customer_id from segment_scope)";
    static final String ACTIVE_VALUE_RULES = "select id, rules from segment_rule_set where dimension = 'VALUE' and active";
    static final String PROPOSED_VALUE_RULES = "select cast(-1 as bigint) as id, cast(:proposedRules as jsonb) as rules";

    /** %1$s: customer filter on c; %2$s: the VALUE rules (id, rules). */
    private static final String VALUE = """
            with value_rules as (%2$s),
                 bands as (
                     select vr.id as rule_set_id, b.segment, b."from" as lower_bound, b."to" as upper_bound
                       from value_rules vr
                      cross join jsonb_to_recordset(vr.rules -> 'bands') as b(segment text, "from" numeric, "to" numeric)),
                 premium as (
                     select c.id as customer_id, coalesce(sum(p.annual_premium), 0) as total
                       from customer c
                       left join policy p on p.holder_id = c.id and p.status = 'ACTIVE'
                      where %1$s
                      group by c.id)
            select pr.customer_id, 'VALUE' as dimension, b.segment, b.rule_set_id,
                   case when b.upper_bound is null
                            then '年缴保费 ' || segment_amount(pr.total) || ' ≥ ' || segment_amount(b.lower_bound)
                        when b.lower_bound = 0
                            then '年缴保费 ' || segment_amount(pr.total) || ' < ' || segment_amount(b.upper_bound)
                        else segment_amount(b.lower_bound) || ' ≤ 年缴保费 ' || segment_amount(pr.total) || ' < '
                             || segment_amount(b.upper_bound) end as reason,
                   cast(null as date) as until
              from premium pr
              join bands b on pr.total >= b.lower_bound and (b.upper_bound is null or pr.total < b.upper_bound)
            """;

    /**
     * %1$s: customer filter on c. First matching rule wins (docs/segmentation.md): CORPORATE; SENIOR (age ≥
     * seniorFrom); NEW_FAMILY (youngest child in the household under smallChildUnder, or married, under youngUnder
     * and no child); SUPPORTING (a child in the household, or youngUnder or older with a parent in it); YOUNG_SINGLE
     * (under youngUnder); ESTABLISHED (the rest: youngUnder–seniorFrom without child or parent in the household).
     * Children and parents are the household's CHILD and PARENT members, counted for its SELF and SPOUSE members.
     */
    private static final String LIFE_STAGE = """
            with stage_rules as (
                     select id as rule_set_id, (rules ->> 'youngUnder')::int as young_under,
                            (rules ->> 'seniorFrom')::int as senior_from, (rules ->> 'smallChildUnder')::int as small_child_under
                       from segment_rule_set where dimension = 'LIFE_STAGE' and active),
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
                   case s.segment
                       when 'CORPORATE' then '企业客户'
                       when 'SENIOR' then '年龄 ' || s.age || ' ≥ ' || s.senior_from
                       when 'NEW_FAMILY' then
                           case when s.youngest_child < s.small_child_under
                                then '年龄 ' || s.age || '，最小子女 ' || s.youngest_child || ' 岁 < ' || s.small_child_under
                                else '年龄 ' || s.age || ' < ' || s.young_under || '，已婚，家中无子女' end
                       when 'SUPPORTING' then '年龄 ' || s.age
                           || case when s.has_child then '，家中有子女（最小 ' || coalesce(s.youngest_child::text, '?') || ' 岁）' else '' end
                           || case when s.has_parent then '，家中有父母' else '' end
                       when 'YOUNG_SINGLE' then '年龄 ' || s.age || ' < ' || s.young_under || '，'
                           || case s.marital_status when 'SINGLE' then '未婚' when 'DIVORCED' then '离异'
                                  when 'WIDOWED' then '丧偶' else '婚姻状况未登记' end || '，家中无子女'
                       else '年龄 ' || s.age || '，家中无子女或父母' end as reason,
                   case when s.segment <> 'CORPORATE' then least(s.birthday, s.child_birthday) end as until
              from staged s
            """;

    /**
     * %1$s: customer filter on c. BEHAVIOUR (RFM, {@link BehaviourRules}): recency = days since the last interaction
     * or policy event (start, termination or end of a policy he holds, up to today); frequency = interactions plus
     * policies started within the window; monetary = annual premium of his active policies. The 125 score combinations
     * are mapped to segments once (first matching segment), then joined.
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
                       from segment_rule_set where dimension = 'BEHAVIOUR' and active),
                 grid as (
                     select rs, fs, ms,
                            (select e.s ->> 'segment' from jsonb_array_elements(w.segments) with ordinality as e(s, ord)
                              where rs between coalesce((e.s ->> 'minR')::int, 1) and coalesce((e.s ->> 'maxR')::int, 5)
                                and fs between coalesce((e.s ->> 'minF')::int, 1) and coalesce((e.s ->> 'maxF')::int, 5)
                                and ms between coalesce((e.s ->> 'minM')::int, 1) and coalesce((e.s ->> 'maxM')::int, 5)
                              order by e.ord limit 1) as segment
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
            select x.customer_id, 'BEHAVIOUR' as dimension, g.segment, x.rule_set_id,
                   case when x.last_event is null then 'segmentation.reason.behaviour.never'
                        else 'segmentation.reason.behaviour' end as reason_key,
                   jsonb_build_array(x.rs::text, coalesce(to_char(x.last_event, 'YYYY-MM-DD'), ''), x.fs::text, x.frequency::text, x.ms::text,
                                     segment_amount(x.monetary), x.window_months::text) as reason_args,
                   -- or the recency score dropping: days since the last event reaching the next cut
                   least(x.event_until,
                         case when x.last_event + ceil(x.r1)::int > cast(:today as date) then x.last_event + ceil(x.r1)::int end,
                         case when x.last_event + ceil(x.r2)::int > cast(:today as date) then x.last_event + ceil(x.r2)::int end,
                         case when x.last_event + ceil(x.r3)::int > cast(:today as date) then x.last_event + ceil(x.r3)::int end,
                         case when x.last_event + ceil(x.r4)::int > cast(:today as date) then x.last_event + ceil(x.r4)::int end) as until
              from rfm x
              join grid g on g.rs = x.rs and g.fs = x.fs and g.ms = x.ms
            """;

    /**
     * %1$s: customer filter on c. RISK ({@link RiskRules}): industry points of a corporate customer, climate points of
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
                       from segment_rule_set where dimension = 'RISK' and active),
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
                   jsonb_build_array(t.total::text, t.industry_points::text, t.climate_points::text,
                                     t.property_points::text, coalesce(t.health_points, 0)::text) as reason_args,
                   t.until
              from totals t
              join levels l on t.total >= l.lower_bound and (l.upper_bound is null or t.total < l.upper_bound)
            """;

    /**
     * %1$s: customer filter on c. DYNAMIC ({@link DynamicRules}): lapses = policies he holds that lapsed or were
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
                       from segment_rule_set where dimension = 'DYNAMIC' and active),
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
                   jsonb_build_array(p.window_months::text, p.renewals::text, p.lapses::text, p.contact_months::text,
                                     p.earlier::text, p.recent::text) as reason_args,
                   p.until
              from placed p
            """;

    static String behaviour(String customerFilter) {
        return BEHAVIOUR.formatted(customerFilter);
    }

    static String risk(String customerFilter) {
        return RISK.formatted(customerFilter);
    }

    static String dynamic(String customerFilter) {
        return DYNAMIC.formatted(customerFilter);
    }

    /**
     * The rule tags of the active tag rules ({@link TagRules}) for the customers of a run: a tag for each customer
     * placed by the run in one of the rule's segments (the run's temporary segment_staging, which holds his placements
     * of today for every dimension, as they are current once the run has written them) who holds or is insured by no
     * active policy of the lines it lacks.
     */
    private static final String RULE_TAGS = """
            with tag_rules as (
                     select tr.id as tag_rule_set_id, t.*
                       from tag_rule_set tr
                      cross join jsonb_to_recordset(tr.rules -> 'tags')
                            as t("tagDimension" text, tag text, "whenDimension" text, "whenSegments" jsonb, "lacksLines" jsonb)
                      where tr.active),
                 tagged as (
                     select sp.customer_id, sp.segment, r.*
                       from tag_rules r
                       join segment_staging sp on sp.dimension = r."whenDimension"
                            and r."whenSegments" @> jsonb_build_array(sp.segment)),
                 lacking as (
                     select distinct customer_id from tagged where "lacksLines" is not null),
                 -- the product lines of the active policies each of them holds or is insured by
                 covered as (
                     select x.customer_id, jsonb_agg(distinct x.line) as lines
                       from (select p.holder_id as customer_id, pr.line
                               from policy p join product pr on pr.id = p.product_id
                              where p.status = 'ACTIVE' and p.holder_id in (select customer_id from lacking)
                             union all
                             select p.insured_id, pr.line
                               from policy p join product pr on pr.id = p.product_id
                              where p.status = 'ACTIVE' and p.insured_id in (select customer_id from lacking)) x
                      group by x.customer_id)
            select t.customer_id, t."tagDimension" as tag_dimension, t.tag, t.tag_rule_set_id,
                   case when t."lacksLines" is null then 'segmentation.tag.reason' else 'segmentation.tag.reason.lacks' end
                       as reason_key,
                   jsonb_build_array(t."whenDimension", t.segment,
                       coalesce((select string_agg(l, ', ') from jsonb_array_elements_text(t."lacksLines") l), '')) as reason_args
              from tagged t
              left join covered cv on cv.customer_id = t.customer_id
             where t."lacksLines" is null
                or not exists (select 1 from jsonb_array_elements_text(t."lacksLines") l
                                where coalesce(cv.lines, '[]'::jsonb) @> jsonb_build_array(l))
            """;

    static String ruleTags() {
        return RULE_TAGS;
    }

    static String value(String customerFilter, String rules) {
        return VALUE.formatted(customerFilter, rules);
    }

    static String lifeStage(String customerFilter) {
        return LIFE_STAGE.formatted(customerFilter);
    }

    private SegmentSql() {
    }
}
