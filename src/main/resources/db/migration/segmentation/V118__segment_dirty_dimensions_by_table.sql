-- Every dirty mark names the dimensions its write can change, as V117 did for interactions, from what each
-- dimension's statement reads (SegmentSql): VALUE policy, product, claim; LIFE_STAGE customer, household_member;
-- BEHAVIOUR policy, interaction; RISK policy, product, claim, consent, region; DYNAMIC policy, interaction. LINES
-- stands for the product lines a customer holds, which rule tags read: only a policy or product write changes them.
-- The customer and product marks stay null (every dimension, and the lines). Which rows mark whom is unchanged (V44).

create or replace function segment_mark_household_member() returns trigger language plpgsql as $$
begin
    -- the members who joined, left or changed, and everybody else in their households
    if tg_op = 'INSERT' then
        insert into segment_dirty (customer_id, dimensions)
        select u.customer_id, '{LIFE_STAGE}'
          from (select customer_id from new_rows
                union
                select m.customer_id from household_member m where m.household_id in (select household_id from new_rows)) u;
    elsif tg_op = 'DELETE' then
        insert into segment_dirty (customer_id, dimensions)
        select u.customer_id, '{LIFE_STAGE}'
          from (select customer_id from old_rows
                union
                select m.customer_id from household_member m where m.household_id in (select household_id from old_rows)) u;
    else
        insert into segment_dirty (customer_id, dimensions)
        select u.customer_id, '{LIFE_STAGE}'
          from (select customer_id from old_rows
                union
                select customer_id from new_rows
                union
                select m.customer_id from household_member m
                 where m.household_id in (select household_id from old_rows union select household_id from new_rows)) u;
    end if;
    return null;
end
$$;

create or replace function segment_mark_policy() returns trigger language plpgsql as $$
begin
    -- holder and insured (premium, RFM, lapses, renewals, claim lines, rule tags) and the holder of the policy it
    -- renews (a renewal turns his expiry from a lapse into none)
    if tg_op = 'INSERT' then
        insert into segment_dirty (customer_id, dimensions)
        select u.customer_id, '{VALUE,BEHAVIOUR,RISK,DYNAMIC,LINES}'
          from (select holder_id as customer_id from new_rows
                union all select insured_id from new_rows where insured_id <> holder_id
                union all select r.holder_id from policy r where r.id in (select renews_policy_id from new_rows)) u;
    elsif tg_op = 'DELETE' then
        insert into segment_dirty (customer_id, dimensions)
        select u.customer_id, '{VALUE,BEHAVIOUR,RISK,DYNAMIC,LINES}'
          from (select holder_id as customer_id from old_rows
                union all select insured_id from old_rows where insured_id <> holder_id
                union all select r.holder_id from policy r where r.id in (select renews_policy_id from old_rows)) u;
    else
        with changed as (
            select o.holder_id as old_holder, o.insured_id as old_insured, o.renews_policy_id as old_renews,
                   n.holder_id, n.insured_id, n.renews_policy_id, n.id, o.product_id <> n.product_id as product_changed
              from old_rows o join new_rows n on n.id = o.id
             where (o.holder_id, o.insured_id, o.product_id, o.annual_premium, o.start_date, o.end_date, o.status,
                    o.terminated_on, o.renews_policy_id)
                   is distinct from (n.holder_id, n.insured_id, n.product_id, n.annual_premium, n.start_date, n.end_date,
                                     n.status, n.terminated_on, n.renews_policy_id))
        insert into segment_dirty (customer_id, dimensions)
        select u.customer_id, '{VALUE,BEHAVIOUR,RISK,DYNAMIC,LINES}'
          from (select x.customer_id
                  from changed ch
                 cross join lateral (values (ch.old_holder), (ch.old_insured), (ch.holder_id), (ch.insured_id)) x(customer_id)
                union
                select r.holder_id from policy r
                 where r.id in (select old_renews from changed union select renews_policy_id from changed)
                union
                select cl.customer_id from claim cl where cl.policy_id in (select id from changed where product_changed)) u;
    end if;
    return null;
end
$$;

create or replace function segment_mark_claim() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into segment_dirty (customer_id, dimensions) select customer_id, '{VALUE,RISK}' from new_rows;
    elsif tg_op = 'DELETE' then
        insert into segment_dirty (customer_id, dimensions) select customer_id, '{VALUE,RISK}' from old_rows;
    else
        insert into segment_dirty (customer_id, dimensions)
        select x.customer_id, '{VALUE,RISK}'
          from old_rows o join new_rows n on n.id = o.id
         cross join lateral (values (o.customer_id), (n.customer_id)) x(customer_id)
         where (o.customer_id, o.policy_id, o.reported_on) is distinct from (n.customer_id, n.policy_id, n.reported_on);
    end if;
    return null;
end
$$;

create or replace function segment_mark_consent() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id, dimensions)
    select customer_id, '{RISK}' from new_rows where purpose = 'SENSITIVE_DATA';
    return null;
end
$$;

create or replace function segment_mark_region() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id, dimensions)
    select c.id, '{RISK}'
      from old_rows o join new_rows n on n.code = o.code
      join customer c on c.region_code = n.code
     where o.climate is distinct from n.climate;
    return null;
end
$$;
