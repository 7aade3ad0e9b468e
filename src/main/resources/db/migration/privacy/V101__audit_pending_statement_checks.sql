-- The guard of audit_pending (V95) per statement instead of per row: a move of the audit writer deletes its rows in
-- one statement, and the per-row trigger ran a PL/pgSQL call and a lookup of audit_event for each of them. Same rules:
-- no UPDATE (now refused even when it matches no row) and no TRUNCATE (V95's trigger, kept); a DELETE is refused,
-- whole, when any row it deleted is not in audit_event (by pending_id) once the statement has run — checked AFTER the
-- statement over its transition table, so a row and its chained copy can also go in the same statement.
drop trigger audit_pending_no_update on audit_pending;
drop function audit_pending_guard();

create function audit_pending_refuse_update() returns trigger language plpgsql as $$
begin
    raise exception 'audit_pending is append-only until chained: UPDATE refused'
        using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_pending_no_update before update on audit_pending
    for each statement execute function audit_pending_refuse_update();

create function audit_pending_delete_chained_only() returns trigger language plpgsql as $$
declare
    unchained bigint;
begin
    -- one index scan of audit_event by the deleted ids (pending_id is unique): all of them chained when the counts
    -- agree. Written so, not as NOT EXISTS, which the planner may turn into a join reading the whole index
    if (select count(*) from audit_event e where e.pending_id = any (array(select g.id from deleted g)))
       < (select count(*) from deleted) then
        select g.id into unchained from deleted g
         where not exists (select 1 from audit_event e where e.pending_id = g.id)
         order by g.id limit 1;
        raise exception 'audit_pending row % is not chained yet: DELETE refused', unchained
            using errcode = 'insufficient_privilege';
    end if;
    return null;
end
$$;
create trigger audit_pending_delete_chained_only after delete on audit_pending
    referencing old table as deleted for each statement execute function audit_pending_delete_chained_only();
