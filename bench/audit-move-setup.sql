create table bench_move_result (variant text, round int, moves int, moved bigint, total float8, t_select float8,
                                t_head float8, t_hash float8, t_insert float8, t_delete float8, t_commit float8);
insert into audit_event (seq, occurred_at, actor, actor_role, action, customer_id, fields, reason, remote_addr,
                         prev_hash, hash, pending_id)
select g, now() - interval '1 day' + g * interval '1 ms', 'user' || (g % 50), 'AGENT',
       case when g % 3 = 0 then 'IMPORT' else 'VIEW_CUSTOMER' end, (g * 7919) % 100000, '{phone,city}',
       'import job 1 (a.csv, CUSTOMER), chunk ' || (g / 10000), '10.0.0.1',
       encode(sha256(int8send(g - 1)), 'hex'), encode(sha256(int8send(g)), 'hex'),
       case when g % 3 = 0 then 10000000 + g end
  from generate_series(1, :chained) g;
insert into audit_pending (occurred_at, actor, actor_role, action, customer_id, fields, reason, remote_addr)
select now(), 'importer', 'ADMIN', 'IMPORT', (g * 7919) % 100000, '{phone,city}',
       'import job 2 (b.csv, CUSTOMER), chunk ' || (g / 10000), '10.0.0.2'
  from generate_series(1, :pending) g;
vacuum analyze audit_event;
vacuum analyze audit_pending;
checkpoint;
