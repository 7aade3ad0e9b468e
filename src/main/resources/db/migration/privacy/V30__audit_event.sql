-- The access audit trail: append-only and tamper-evident. Each row's hash is SHA-256 over the previous row's hash
-- and the row's canonical content (computed by io.insurecrm.privacy.AuditHash), so an edited, removed or inserted
-- row breaks the chain at that seq. Appends are serialised by a transaction-level advisory lock, so seq is
-- gap-free and the chain linear.
create table audit_event (
    seq          bigint primary key,
    occurred_at  timestamptz not null,
    actor        text not null,
    actor_role   text,
    action       text not null,
    customer_id  bigint,
    fields       text[] not null default '{}',
    reason       text,
    remote_addr  text,
    prev_hash    char(64) not null,
    hash         char(64) not null unique
);
create index audit_event_customer_idx on audit_event (customer_id, seq) where customer_id is not null;
create index audit_event_actor_idx on audit_event (actor, seq);
create index audit_event_action_idx on audit_event (action, seq);
create index audit_event_occurred_idx on audit_event (occurred_at);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_event_no_update_or_delete before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
