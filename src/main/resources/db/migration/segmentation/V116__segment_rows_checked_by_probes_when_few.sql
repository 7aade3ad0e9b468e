-- The per-statement reference check of V78, the same guarantees, with the customers of a few written rows looked up
-- one by one. Left to the planner, a nightly run's insert of ~32,000 placements (1M book) hashed every customer's key
-- to check them: 0.59 s, where the update before it, probing, took 0.11 s (docs/benchmarks.md, "Segmentation: the
-- nightly run, due dimensions only"). A scalar subquery is never hashed, so up to 100,000 rows probe the key row by
-- row; more (a whole-book run writes millions) are checked as before, the planner hashing the customers once.

create or replace function segment_rows_refer_to_existing_rows() returns trigger language plpgsql as $$
declare
    missing text;
    few boolean;
begin
    select count(*) < 100000 into few from (select from written limit 100000) w;
    if tg_table_name = 'segment_placement' then
        if few then
            select format('customer %s, rule set %s', n.customer_id, n.rule_set_id) into missing
              from written n
             where (select c.id from customer c where c.id = n.customer_id) is null
                or (select r.id from segment_rule_set r where r.id = n.rule_set_id) is null
             limit 1;
        else
            select format('customer %s, rule set %s', n.customer_id, n.rule_set_id) into missing
              from written n
             where not exists (select 1 from customer c where c.id = n.customer_id)
                or not exists (select 1 from segment_rule_set r where r.id = n.rule_set_id)
             limit 1;
        end if;
    elsif tg_table_name = 'customer_tag' then
        if few then
            select format('customer %s, tag rule set %s', n.customer_id, n.tag_rule_set_id) into missing
              from written n
             where (select c.id from customer c where c.id = n.customer_id) is null
                or n.tag_rule_set_id is not null and (select r.id from tag_rule_set r where r.id = n.tag_rule_set_id) is null
             limit 1;
        else
            select format('customer %s, tag rule set %s', n.customer_id, n.tag_rule_set_id) into missing
              from written n
             where not exists (select 1 from customer c where c.id = n.customer_id)
                or n.tag_rule_set_id is not null and not exists (select 1 from tag_rule_set r where r.id = n.tag_rule_set_id)
             limit 1;
        end if;
    elsif few then
        select format('customer %s', n.customer_id) into missing
          from written n
         where (select c.id from customer c where c.id = n.customer_id) is null
         limit 1;
    else
        select format('customer %s', n.customer_id) into missing
          from written n
         where not exists (select 1 from customer c where c.id = n.customer_id)
         limit 1;
    end if;
    if missing is not null then
        raise exception '% refers to a row that does not exist: %', tg_table_name, missing
            using errcode = 'foreign_key_violation';
    end if;
    return null;
end
$$;
