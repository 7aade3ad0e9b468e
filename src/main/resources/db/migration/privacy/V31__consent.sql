-- Consent per purpose as an append-only history: every grant and withdrawal is a row; the current state of a
-- customer's purpose is its latest row (no row = never consented).
create table consent (
    id              bigint generated always as identity primary key,
    customer_id     bigint not null references customer(id),
    purpose         text not null check (purpose in ('SERVICE','MARKETING','ANALYTICS','SENSITIVE_DATA')),
    granted         boolean not null,
    source          text not null check (source in ('PAPER_FORM','IN_PERSON','PHONE_RECORDED','ONLINE','IMPORTED')),
    notice_version  text not null check (length(notice_version) between 1 and 40),
    recorded_at     timestamptz not null,
    recorded_by     text not null
);
create index consent_latest_idx on consent (customer_id, purpose, recorded_at desc, id desc);

create function consent_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'consent is an append-only history: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger consent_no_update_or_delete before update or delete on consent
    for each row execute function consent_append_only();
