-- Which customers a list, search or export showed: one audit_event row per request (its reason names the ids, so
-- the hash chain covers them) and here one row per listed customer, so the audit of a customer finds the lists he
-- appeared in. Append-only like audit_event.
create table audit_listing (
    seq          bigint not null,  -- no foreign key: it would make TRUNCATE of audit_event fail before its own trigger says why
    customer_id  bigint not null,
    primary key (customer_id, seq)
);
create trigger audit_listing_no_update_or_delete before update or delete on audit_listing
    for each row execute function audit_event_append_only();
create trigger audit_listing_no_truncate before truncate on audit_listing
    for each statement execute function audit_event_append_only();
