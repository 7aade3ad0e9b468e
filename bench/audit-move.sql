-- one move as AccessAudit.movePending makes it: the chain's lock, the rows by index, the head, the insert of the chained
-- rows with their pending id (the same statement as AccessAudit.insertLocked, the arrays as parameters), the delete;
-- the hashes are computed here in SQL (in Java in the app) and timed apart. A variant whose name holds async commits without
-- waiting for the WAL flush (synchronous_commit off for the move's transaction)
create or replace procedure bench_moves(moves int, lim int, variant text, round int)
language plpgsql as $$
declare
  after bigint := coalesce((select max(pending_id) from audit_event where pending_id < 10000000), 0);
  ids bigint[]; seqs bigint[]; ats text[]; actors text[]; roles text[]; actions text[]; customers bigint[];
  fieldss text[]; reasons text[]; remotes text[]; prevs text[]; hashes text[]; chainedf boolean[];
  head_seq bigint; head_hash text;
  t0 timestamptz; t1 timestamptz; t_sel float8 := 0; t_head float8 := 0; t_hash float8 := 0; t_ins float8 := 0;
  t_del float8 := 0; t_commit float8 := 0; moved bigint := 0; began timestamptz := clock_timestamp();
begin
  for m in 1..moves loop
    t0 := clock_timestamp();
    perform pg_advisory_xact_lock(280469555540);
    set local enable_seqscan = off;
    if variant like '%async%' then
      -- the move's commit does not wait for its WAL flush (see docs/benchmarks.md)
      set local synchronous_commit = off;
    end if;
    select array_agg(p.id order by p.id), array_agg(p.occurred_at::text order by p.id), array_agg(p.actor order by p.id),
           array_agg(p.actor_role order by p.id), array_agg(p.action order by p.id), array_agg(p.customer_id order by p.id),
           array_agg(array_to_string(p.fields, chr(31)) order by p.id), array_agg(p.reason order by p.id),
           array_agg(p.remote_addr order by p.id), array_agg(p.chained order by p.id)
      into ids, ats, actors, roles, actions, customers, fieldss, reasons, remotes, chainedf
      from (select p.*, exists (select 1 from audit_event e where e.pending_id = p.id) as chained
              from audit_pending p where p.id > after order by p.id limit lim) p;
    exit when ids is null;
    t1 := clock_timestamp(); t_sel := t_sel + extract(epoch from t1 - t0); t0 := t1;
    select seq, hash into head_seq, head_hash from audit_event order by seq desc limit 1;
    t1 := clock_timestamp(); t_head := t_head + extract(epoch from t1 - t0); t0 := t1;
    seqs := array(select head_seq + g from generate_series(1, cardinality(ids)) g);
    hashes := array(select encode(sha256(convert_to(head_hash || ids[g]::text || reasons[g], 'UTF8')), 'hex')
                      from generate_series(1, cardinality(ids)) g);
    prevs := array_prepend(head_hash::text, hashes[1:cardinality(ids) - 1]);
    t1 := clock_timestamp(); t_hash := t_hash + extract(epoch from t1 - t0); t0 := t1;
    with chain_lock as (select pg_advisory_xact_lock(280469555540))
    insert into audit_event (seq, occurred_at, actor, actor_role, action, customer_id, fields, reason,
                             remote_addr, prev_hash, hash, pending_id)
    select r.seq, cast(r.at as timestamptz), r.actor, r.role, r.action, r.customer,
           case when r.fields = '' then cast('{}' as text[]) else string_to_array(r.fields, chr(31)) end,
           r.reason, r.remote, r.prev_hash, r.hash, r.pending
      from chain_lock,
           unnest(seqs, ats, actors, roles, actions, customers, fieldss, reasons, remotes, prevs, hashes, ids)
               with ordinality as r(seq, at, actor, role, action, customer, fields, reason, remote, prev_hash, hash,
                                    pending, n)
     order by r.n;
    t1 := clock_timestamp(); t_ins := t_ins + extract(epoch from t1 - t0); t0 := t1;
    delete from audit_pending where id = any(ids);
    t1 := clock_timestamp(); t_del := t_del + extract(epoch from t1 - t0); t0 := t1;
    commit;
    t1 := clock_timestamp(); t_commit := t_commit + extract(epoch from t1 - t0);
    moved := moved + cardinality(ids);
    after := ids[cardinality(ids)];
  end loop;
  insert into bench_move_result values (variant, round, moves, moved, extract(epoch from clock_timestamp() - began),
                                        t_sel, t_head, t_hash, t_ins, t_del, t_commit);
  commit;
end $$;
