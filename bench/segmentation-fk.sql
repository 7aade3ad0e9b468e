-- Side by side in one session, on a placed book: inserting its current placements (5 per customer) into an empty copy
-- of segment_placement with per-row foreign keys (as before V78), with the statement-level check of V78, and with
-- neither, twice each way. Usage: psql -h 127.0.0.1 -U postgres -d <placed book> -f bench/segmentation-fk.sql
\timing on
drop table if exists bench_fk_src; drop table if exists bench_fk;
create table bench_fk_src as
select customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args, valid_from
  from segment_placement where valid_to is null order by customer_id, dimension;
create table bench_fk (like segment_placement including all);
create or replace function bench_fk_check() returns trigger language plpgsql as $$
declare missing text;
begin
  select format('customer %s, rule set %s', n.customer_id, n.rule_set_id) into missing from written n
   where not exists (select 1 from customer c where c.id = n.customer_id)
      or not exists (select 1 from segment_rule_set r where r.id = n.rule_set_id) limit 1;
  if missing is not null then raise exception 'missing %', missing; end if;
  return null;
end $$;
\set insert 'insert into bench_fk (customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args, valid_from) select * from bench_fk_src on conflict (customer_id, dimension) where valid_to is null do nothing;'
\set fks 'alter table bench_fk add constraint bench_fk_c foreign key (customer_id) references customer(id), add constraint bench_fk_r foreign key (rule_set_id) references segment_rule_set(id);'
\set nofks 'alter table bench_fk drop constraint bench_fk_c, drop constraint bench_fk_r;'
\set check 'create trigger bench_fk_ins after insert on bench_fk referencing new table as written for each statement execute function bench_fk_check();'
\set nocheck 'drop trigger bench_fk_ins on bench_fk;'
\set empty 'truncate bench_fk; checkpoint;'
:empty
:fks
\echo A: per-row foreign keys
:insert
:empty
:nofks
:check
\echo B: statement-level check (V78)
:insert
:empty
:nocheck
\echo C: no check at all
:insert
:empty
:fks
\echo A again
:insert
:empty
:nofks
:check
\echo B again
:insert
drop table bench_fk; drop table bench_fk_src; drop function bench_fk_check();
