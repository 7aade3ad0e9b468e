-- Audit rows written by bulk work (an import chunk) in its own transaction, atomic with the data they describe but
-- not yet chained: the chunk takes no chain lock, so staff views audited meanwhile do not wait for its commit. The
-- audit-writer thread (io.insurecrm.privacy.AccessAudit) moves committed rows into audit_event in id order, chained
-- in Java, and deletes them here in the same transaction. audit_event.pending_id names the pending row a chained row
-- came from (unique: no pending row is chained twice, even when a move is repeated after a crash).
create table audit_pending (
    id           bigint generated always as identity primary key,
    occurred_at  timestamptz not null,
    actor        text not null,
    actor_role   text,
    action       text not null,
    customer_id  bigint,
    fields       text[] not null default '{}',
    reason       text,
    remote_addr  text
);

alter table audit_event add column pending_id bigint;
create unique index audit_event_pending_idx on audit_event (pending_id) where pending_id is not null;

create function audit_pending_guard() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if exists (select 1 from audit_event e where e.pending_id = old.id) then
            return old;
        end if;
        raise exception 'audit_pending row % is not chained yet: DELETE refused', old.id
            using errcode = 'insufficient_privilege';
    end if;
    raise exception 'audit_pending is append-only until chained: % refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_pending_no_update before update or delete on audit_pending
    for each row execute function audit_pending_guard();
create trigger audit_pending_no_truncate before truncate on audit_pending
    for each statement execute function audit_event_append_only();
