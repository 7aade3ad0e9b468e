-- The analysts' pseudonymised customer list as a stored read model (docs/privacy.md section 7, "The stored list").
-- A rebuild computes, set-based and over the whole consenting book, one release of the list for the whole book
-- (scope_branch 0) and one per branch (scope_branch = the branch id; k-anonymity computed within that branch's
-- consenting book, as the list has always been for a branch-scoped caller), into the slot not in use, then points
-- analyst_model.current_slot at it in the same transaction: readers see the previous model or the new one, never
-- half of one; a failed rebuild rolls back and leaves the previous model as it was.

create table analyst_customer (
    slot             smallint not null check (slot in (0, 1)),
    -- 0 = the release for the whole book; otherwise the branch whose release this row belongs to
    scope_branch     bigint not null,
    customer_id      bigint not null,
    kind             text not null,
    gender           text,
    -- ten-year age band as its lower bound (0 … 90), null for companies
    age_from         integer,
    -- published quasi-identifiers: null when generalised away for k-anonymity
    region_code      text,
    branch_id        bigint,
    channel          text,
    active_policies  integer not null,
    -- codes of the bands (PseudonymousCustomer.PREMIUM_BANDS …)
    premium_band     smallint not null,
    claims_band      smallint not null,
    tenure_band      smallint not null,
    -- current segments as DIMENSION:SEGMENT ordered by dimension, current tags ordered; as of the rebuild
    segments         text[] not null,
    tags             text[] not null,
    -- md5 of the keyed order salt and the id: the default order, following neither ids nor registration order
    keyed            text not null,
    primary key (slot, scope_branch, customer_id)
) partition by list (slot);
create table analyst_customer_0 partition of analyst_customer for values in (0);
create table analyst_customer_1 partition of analyst_customer for values in (1);

-- a page is an index scan: the keyed order, each band sort (ascending; descending reads it backwards where the order
-- allows), the filters in the keyed order
create index analyst_customer_keyed on analyst_customer (scope_branch, keyed);
create index analyst_customer_age on analyst_customer (scope_branch, age_from, keyed);
create index analyst_customer_region on analyst_customer (scope_branch, region_code, keyed);
create index analyst_customer_branch on analyst_customer (scope_branch, branch_id, keyed);
create index analyst_customer_channel on analyst_customer (scope_branch, channel, keyed);
create index analyst_customer_policies on analyst_customer (scope_branch, active_policies, keyed);
create index analyst_customer_premium on analyst_customer (scope_branch, premium_band, keyed);
create index analyst_customer_claims on analyst_customer (scope_branch, claims_band, keyed);
create index analyst_customer_tenure on analyst_customer (scope_branch, tenure_band, keyed);
create index analyst_customer_tags on analyst_customer using gin (tags);
create index analyst_customer_segments on analyst_customer using gin (segments);
-- a withdrawal or an erasure removes the customer from every release at once
create index analyst_customer_customer on analyst_customer (customer_id);

-- What was left out of each release, and the 客均合同 of its scope (for the contribution column), as of the rebuild.
create table analyst_customer_summary (
    slot              smallint not null check (slot in (0, 1)),
    scope_branch      bigint not null,
    in_scope          bigint not null,
    without_consent   bigint not null,
    published         bigint not null,
    generalised       bigint not null,
    suppressed        bigint not null,
    active_contracts  bigint not null,
    active_holders    bigint not null,
    primary key (slot, scope_branch)
);

-- Rebuilds: one RUNNING at a time; progress and failures are committed on the side so the page can show them.
create table analyst_model_build (
    id               bigserial primary key,
    status           text not null check (status in ('RUNNING', 'FINISHED', 'FAILED')),
    phase            text not null,
    progress         integer not null default 0 check (progress between 0 and 100),
    trigger          text not null check (trigger in ('NIGHTLY', 'STARTUP', 'MANUAL')),
    reason           text check (length(reason) between 1 and 200),
    started_by       text not null,
    started_at       timestamptz not null,
    finished_at      timestamptz,
    slot             smallint,
    k                integer not null,
    published        bigint,
    took_ms          bigint,
    error            text
);
create unique index analyst_model_build_one_running on analyst_model_build ((true)) where status = 'RUNNING';

-- Which slot readers use, what built it and when (as of: the start of the rebuild's snapshot).
create table analyst_model (
    id               smallint primary key check (id = 1),
    current_slot     smallint check (current_slot in (0, 1)),
    build_id         bigint,
    built_at         timestamptz,
    k                integer,
    -- the keyed order depends on the pseudonym key: a model built under another key is rebuilt at start
    key_fingerprint  text
);
insert into analyst_model (id) values (1);

-- Customers taken out of the list since a rebuild started (ANALYTICS consent withdrawn, erased): a rebuild removes
-- them from its new slot before it is switched to, so a withdrawal during a rebuild is not undone by it.
create table analyst_customer_removal (
    customer_id  bigint not null,
    removed_at   timestamptz not null,
    why          text not null check (why in ('CONSENT_WITHDRAWN', 'ERASED'))
);
create index analyst_customer_removal_at on analyst_customer_removal (removed_at);
