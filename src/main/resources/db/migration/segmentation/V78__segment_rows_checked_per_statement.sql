-- Placements, rechecks and tags are written in bulk by the segment runs (the 1M book: 5,000,000 placements, about as
-- many tags). Their foreign keys checked each row with a query of its own (a trigger per row and key): half of the
-- run's write step (docs/benchmarks.md, "Segmentation: foreign keys checked per statement"). The same guarantees are
-- kept here per statement, set-based: rows naming a customer or a rule set that does not exist are refused (the
-- statement fails with foreign_key_violation, nothing is written), and deleting customers deletes their rows.
-- Rule sets are never deleted (they are versioned); deleting one that rows name is refused.

alter table segment_placement drop constraint segment_placement_customer_id_fkey,
                              drop constraint segment_placement_rule_set_id_fkey;
alter table segment_recheck drop constraint segment_recheck_customer_id_fkey;
alter table customer_tag drop constraint customer_tag_customer_id_fkey,
                         drop constraint customer_tag_tag_rule_set_id_fkey;

create function segment_rows_refer_to_existing_rows() returns trigger language plpgsql as $$
declare
    missing text;
begin
    if tg_table_name = 'segment_placement' then
        select format('customer %s, rule set %s', n.customer_id, n.rule_set_id) into missing
          from written n
         where not exists (select 1 from customer c where c.id = n.customer_id)
            or not exists (select 1 from segment_rule_set r where r.id = n.rule_set_id)
         limit 1;
    elsif tg_table_name = 'customer_tag' then
        select format('customer %s, tag rule set %s', n.customer_id, n.tag_rule_set_id) into missing
          from written n
         where not exists (select 1 from customer c where c.id = n.customer_id)
            or n.tag_rule_set_id is not null and not exists (select 1 from tag_rule_set r where r.id = n.tag_rule_set_id)
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

create trigger segment_placement_inserted_refer after insert on segment_placement
    referencing new table as written for each statement execute function segment_rows_refer_to_existing_rows();
create trigger segment_placement_updated_refer after update on segment_placement
    referencing new table as written for each statement execute function segment_rows_refer_to_existing_rows();
create trigger segment_recheck_inserted_refer after insert on segment_recheck
    referencing new table as written for each statement execute function segment_rows_refer_to_existing_rows();
create trigger segment_recheck_updated_refer after update on segment_recheck
    referencing new table as written for each statement execute function segment_rows_refer_to_existing_rows();
create trigger customer_tag_inserted_refer after insert on customer_tag
    referencing new table as written for each statement execute function segment_rows_refer_to_existing_rows();
create trigger customer_tag_updated_refer after update on customer_tag
    referencing new table as written for each statement execute function segment_rows_refer_to_existing_rows();

-- what "on delete cascade" did
create function customer_deleted_segment_rows() returns trigger language plpgsql as $$
begin
    delete from segment_placement p using gone g where p.customer_id = g.id;
    delete from segment_recheck r using gone g where r.customer_id = g.id;
    delete from customer_tag t using gone g where t.customer_id = g.id;
    return null;
end
$$;
create trigger customer_deleted_segment_rows after delete on customer
    referencing old table as gone for each statement execute function customer_deleted_segment_rows();

-- what the foreign keys' "no action" did for rule sets
create function rule_set_named_by_rows() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'segment_rule_set' and exists (select 1 from segment_placement p join gone g on g.id = p.rule_set_id)
       or tg_table_name = 'tag_rule_set' and exists (select 1 from customer_tag t join gone g on g.id = t.tag_rule_set_id) then
        raise exception 'a % that placements or tags name cannot be deleted', tg_table_name
            using errcode = 'foreign_key_violation';
    end if;
    return null;
end
$$;
create trigger segment_rule_set_deleted after delete on segment_rule_set
    referencing old table as gone for each statement execute function rule_set_named_by_rows();
create trigger tag_rule_set_deleted after delete on tag_rule_set
    referencing old table as gone for each statement execute function rule_set_named_by_rows();

-- what "truncate customer … cascade" did (test fixtures, the demo and benchmark book loaders empty the book so); a
-- delete, since a truncate here fails when the same statement truncates these tables too (then they are empty already)
create function customer_truncated_segment_rows() returns trigger language plpgsql as $$
begin
    delete from segment_placement;
    delete from segment_recheck;
    delete from customer_tag;
    return null;
end
$$;
create trigger customer_truncated_segment_rows after truncate on customer
    for each statement execute function customer_truncated_segment_rows();
