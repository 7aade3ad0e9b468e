package io.insurecrm.segmentation;

/**
 * The placement SQL, one text per dimension, shared by the whole-book batch, the one-customer recompute and the
 * what-if preview so their results are identical by construction. Each text is a SELECT of
 * (customer_id, dimension, segment, rule_set_id, reason) for the customers of a filter on alias {@code c}; the VALUE
 * text also takes its rules source. Filters and sources are the constants below, never caller input.
 */
final class SegmentSql {

    static final String EVERY_CUSTOMER = "true";
    static final String THESE_CUSTOMERS = "c.id = any(:customerIds)";
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
                             || segment_amount(b.upper_bound) end as reason
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
                                filter (where o.relationship = 'CHILD') as youngest_child
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
                            d.youngest_child
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
                       else '年龄 ' || s.age || '，家中无子女或父母' end as reason
              from staged s
            """;

    static String value(String customerFilter, String rules) {
        return VALUE.formatted(customerFilter, rules);
    }

    static String lifeStage(String customerFilter) {
        return LIFE_STAGE.formatted(customerFilter);
    }

    private SegmentSql() {
    }
}
