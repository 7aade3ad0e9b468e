-- Incremental nightly recompute (docs/segmentation.md, "The nightly run"). A placement changes for two reasons only:
-- a write to one of its inputs, or time passing an edge (a birthday, a recency cut, a window edge). Writes mark the
-- customers they concern in segment_dirty (statement-level triggers below, so imports, loaders and every module are
-- covered alike); each recompute stores per customer the first day on which time alone may change one of his
-- placements (segment_recheck.due). The nightly run recomputes dirty ∪ due customers only; a rule change, a run for an
-- earlier day than the last one or an explicit request recomputes the whole book.

-- Append-only marks: no key and no index, so concurrent writers never wait on each other; duplicates are expected.
create table segment_dirty (
    customer_id  bigint not null
);

-- The first day on which a customer's placements may change by time alone; null = only a write can change them.
create table segment_recheck (
    customer_id  bigint primary key references customer(id) on delete cascade,
    due          date
);
create index segment_recheck_due on segment_recheck(due) where due is not null;

-- The last batch: the day it placed the book for and the active rule sets it used (a different set forces a full run).
create table segment_batch (
    id           boolean primary key default true check (id),
    day          date not null,
    rule_sets    text not null,
    full_run     boolean not null,
    finished_at  timestamptz not null
);

-- The first day d on which a date `since` no longer satisfies since > d - months (it leaves a window of that many
-- months); exact also when month ends clamp (since 2024-01-31, 1 month: 2024-03-01, not 2024-02-29).
create function segment_window_exit(since date, months integer) returns date language sql immutable as $$
    select case when cast(since + make_interval(months => months) as date) - make_interval(months => months) >= since
                then cast(since + make_interval(months => months) as date)
                else cast(since + make_interval(months => months) as date) + 1 end
$$;

-- The first day after `day` on which the age in whole years of someone born on `born` may differ from his age on `day`
-- (a 29 February birthday gives 28 February in common years: early, never late); null when the birth date is unknown.
create function segment_next_birthday(born date, day date) returns date language sql immutable as $$
    select case when born is null then null
                when born > day then day + 1
                else greatest(cast(born + make_interval(years => extract(year from age(day, born))::int + 1) as date), day + 1) end
$$;

-- ---------------------------------------------------------------------------------------------------------------------
-- Dirty marks. One function per table; its INSERT, UPDATE and DELETE triggers name the transition tables it reads.
-- Updates mark only when a column a placement or rule tag reads has changed.

create function segment_mark_customer() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into segment_dirty (customer_id) select id from new_rows;
    else
        -- his own placements, and (his birth date is a child's age) those of his household
        with changed as (
            select n.id, o.birth_date is distinct from n.birth_date as born_changed
              from old_rows o join new_rows n on n.id = o.id
             where (o.kind, o.marital_status, o.birth_date, o.industry, o.region_code)
                   is distinct from (n.kind, n.marital_status, n.birth_date, n.industry, n.region_code))
        insert into segment_dirty (customer_id)
        select id from changed
        union all
        select m.customer_id
          from changed ch
          join household_member me on me.customer_id = ch.id
          join household_member m on m.household_id = me.household_id and m.customer_id <> ch.id
         where ch.born_changed;
    end if;
    return null;
end
$$;
create trigger segment_dirty_customer_insert after insert on customer
    referencing new table as new_rows for each statement execute function segment_mark_customer();
create trigger segment_dirty_customer_update after update on customer
    referencing old table as old_rows new table as new_rows for each statement execute function segment_mark_customer();

create function segment_mark_household_member() returns trigger language plpgsql as $$
begin
    -- the members who joined, left or changed, and everybody else in their households
    if tg_op = 'INSERT' then
        insert into segment_dirty (customer_id)
        select customer_id from new_rows
        union
        select m.customer_id from household_member m where m.household_id in (select household_id from new_rows);
    elsif tg_op = 'DELETE' then
        insert into segment_dirty (customer_id)
        select customer_id from old_rows
        union
        select m.customer_id from household_member m where m.household_id in (select household_id from old_rows);
    else
        insert into segment_dirty (customer_id)
        select customer_id from old_rows
        union
        select customer_id from new_rows
        union
        select m.customer_id from household_member m
         where m.household_id in (select household_id from old_rows union select household_id from new_rows);
    end if;
    return null;
end
$$;
create trigger segment_dirty_member_insert after insert on household_member
    referencing new table as new_rows for each statement execute function segment_mark_household_member();
create trigger segment_dirty_member_update after update on household_member
    referencing old table as old_rows new table as new_rows for each statement execute function segment_mark_household_member();
create trigger segment_dirty_member_delete after delete on household_member
    referencing old table as old_rows for each statement execute function segment_mark_household_member();

create function segment_mark_policy() returns trigger language plpgsql as $$
begin
    -- holder and insured (premium, RFM, lapses, renewals, claim lines, rule tags) and the holder of the policy it
    -- renews (a renewal turns his expiry from a lapse into none)
    if tg_op = 'INSERT' then
        insert into segment_dirty (customer_id)
        select holder_id from new_rows
        union all select insured_id from new_rows where insured_id <> holder_id
        union all select r.holder_id from policy r where r.id in (select renews_policy_id from new_rows);
    elsif tg_op = 'DELETE' then
        insert into segment_dirty (customer_id)
        select holder_id from old_rows
        union all select insured_id from old_rows where insured_id <> holder_id
        union all select r.holder_id from policy r where r.id in (select renews_policy_id from old_rows);
    else
        with changed as (
            select o.holder_id as old_holder, o.insured_id as old_insured, o.renews_policy_id as old_renews,
                   n.holder_id, n.insured_id, n.renews_policy_id, n.id, o.product_id <> n.product_id as product_changed
              from old_rows o join new_rows n on n.id = o.id
             where (o.holder_id, o.insured_id, o.product_id, o.annual_premium, o.start_date, o.end_date, o.status,
                    o.terminated_on, o.renews_policy_id)
                   is distinct from (n.holder_id, n.insured_id, n.product_id, n.annual_premium, n.start_date, n.end_date,
                                     n.status, n.terminated_on, n.renews_policy_id))
        insert into segment_dirty (customer_id)
        select x.customer_id
          from changed ch cross join lateral (values (ch.old_holder), (ch.old_insured), (ch.holder_id), (ch.insured_id)) x(customer_id)
        union
        select r.holder_id from policy r
         where r.id in (select old_renews from changed union select renews_policy_id from changed)
        union
        select cl.customer_id from claim cl where cl.policy_id in (select id from changed where product_changed);
    end if;
    return null;
end
$$;
create trigger segment_dirty_policy_insert after insert on policy
    referencing new table as new_rows for each statement execute function segment_mark_policy();
create trigger segment_dirty_policy_update after update on policy
    referencing old table as old_rows new table as new_rows for each statement execute function segment_mark_policy();
create trigger segment_dirty_policy_delete after delete on policy
    referencing old table as old_rows for each statement execute function segment_mark_policy();

create function segment_mark_claim() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into segment_dirty (customer_id) select customer_id from new_rows;
    elsif tg_op = 'DELETE' then
        insert into segment_dirty (customer_id) select customer_id from old_rows;
    else
        insert into segment_dirty (customer_id)
        select x.customer_id
          from old_rows o join new_rows n on n.id = o.id
         cross join lateral (values (o.customer_id), (n.customer_id)) x(customer_id)
         where (o.customer_id, o.policy_id, o.reported_on) is distinct from (n.customer_id, n.policy_id, n.reported_on);
    end if;
    return null;
end
$$;
create trigger segment_dirty_claim_insert after insert on claim
    referencing new table as new_rows for each statement execute function segment_mark_claim();
create trigger segment_dirty_claim_update after update on claim
    referencing old table as old_rows new table as new_rows for each statement execute function segment_mark_claim();
create trigger segment_dirty_claim_delete after delete on claim
    referencing old table as old_rows for each statement execute function segment_mark_claim();

create function segment_mark_interaction() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into segment_dirty (customer_id) select customer_id from new_rows;
    elsif tg_op = 'DELETE' then
        insert into segment_dirty (customer_id) select customer_id from old_rows;
    else
        insert into segment_dirty (customer_id)
        select x.customer_id
          from old_rows o join new_rows n on n.id = o.id
         cross join lateral (values (o.customer_id), (n.customer_id)) x(customer_id)
         where (o.customer_id, o.occurred_at) is distinct from (n.customer_id, n.occurred_at);
    end if;
    return null;
end
$$;
create trigger segment_dirty_interaction_insert after insert on interaction
    referencing new table as new_rows for each statement execute function segment_mark_interaction();
create trigger segment_dirty_interaction_update after update on interaction
    referencing old table as old_rows new table as new_rows for each statement execute function segment_mark_interaction();
create trigger segment_dirty_interaction_delete after delete on interaction
    referencing old table as old_rows for each statement execute function segment_mark_interaction();

-- consent is append-only (V31): only inserts happen
create function segment_mark_consent() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id) select customer_id from new_rows where purpose = 'SENSITIVE_DATA';
    return null;
end
$$;
create trigger segment_dirty_consent_insert after insert on consent
    referencing new table as new_rows for each statement execute function segment_mark_consent();

-- reference data read by the rules: a product's line or category, a region's climate
create function segment_mark_product() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select x.customer_id
      from old_rows o join new_rows n on n.id = o.id
      join policy p on p.product_id = n.id
     cross join lateral (values (p.holder_id), (p.insured_id)) x(customer_id)
     where (o.line, o.category) is distinct from (n.line, n.category)
    union
    select cl.customer_id
      from old_rows o join new_rows n on n.id = o.id
      join policy p on p.product_id = n.id
      join claim cl on cl.policy_id = p.id
     where (o.line, o.category) is distinct from (n.line, n.category);
    return null;
end
$$;
create trigger segment_dirty_product_update after update on product
    referencing old table as old_rows new table as new_rows for each statement execute function segment_mark_product();

create function segment_mark_region() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select c.id
      from old_rows o join new_rows n on n.code = o.code
      join customer c on c.region_code = n.code
     where o.climate is distinct from n.climate;
    return null;
end
$$;
create trigger segment_dirty_region_update after update on region
    referencing old table as old_rows new table as new_rows for each statement execute function segment_mark_region();
