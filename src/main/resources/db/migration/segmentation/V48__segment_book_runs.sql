-- Whole-book runs, persisted (docs/segmentation.md, "Whole-book runs: chunked and resumable"). A run places the book in
-- chunks of customers by id; each chunk commits its placements together with the checkpoint below (last_customer_id),
-- so a failed or killed run keeps its committed chunks and is resumed after the last one. Whether a RUNNING run is
-- still alive is read from a PostgreSQL advisory lock its owner holds on a connection of its own (pg_locks), never
-- from this table alone: a RUNNING row nobody holds the lock of is shown as INTERRUPTED.
create table segment_book_run (
    id                bigserial primary key,
    reason            text not null check (length(reason) between 1 and 200),
    started_by        text not null,
    started_at        timestamptz not null,
    finished_at       timestamptz,
    state             text not null check (state in ('RUNNING', 'COMPLETED', 'FAILED', 'INTERRUPTED')),
    -- the day the chunks are computed for (a run resumed on a later day computes the rest for that day)
    day               date not null,
    -- the active rule sets when it (re)started: a resume under other rules starts from the first customer again
    rule_sets         text not null,
    chunk_size        integer not null check (chunk_size > 0),
    -- checkpoint: every customer with an id up to this one is placed by this run (null: none yet)
    last_customer_id  bigint,
    chunks_done       integer not null default 0,
    customers_done    bigint not null default 0,
    customers_total   bigint not null default 0,
    -- progress inside the chunk under way (written as it goes, not with the chunk)
    step              text,
    step_no           integer not null default 0,
    chunk_customers   bigint not null default 0,
    placed            bigint not null default 0,
    opened            bigint not null default 0,
    closed            bigint not null default 0,
    replaced          bigint not null default 0,
    -- time spent running (all attempts), so a resumed run reports its whole cost
    took_ms           bigint not null default 0,
    resumes           integer not null default 0,
    resumed_by        text,
    resumed_at        timestamptz,
    resume_reason     text check (length(resume_reason) between 1 and 200),
    failure           text,
    check ((state in ('RUNNING', 'INTERRUPTED')) = (finished_at is null))
);
-- one RUNNING run at a time (the owner lock already makes it so; this is the backstop)
create unique index segment_book_run_one_running on segment_book_run ((true)) where state = 'RUNNING';
