-- A merge takes the merged customer out of the analysts' stored list at once (docs/privacy.md section 7), logged like a
-- withdrawal so a rebuild running meanwhile takes him out of its new slot too.
alter table analyst_customer_removal drop constraint analyst_customer_removal_why_check;
alter table analyst_customer_removal add constraint analyst_customer_removal_why_check
    check (why in ('CONSENT_WITHDRAWN', 'ERASED', 'MERGED'));

-- The rows a merge took out of the model in use, kept so an unmerge puts them back while that model (build) is still
-- in use (a rebuild since has classed the book without him: the next rebuild lists him again).
create table analyst_customer_merged_out (
    merge_id     bigint not null,
    customer_id  bigint not null,
    slot         smallint not null,
    build_id     bigint,
    row_image    jsonb not null,
    removed_at   timestamptz not null
);
create index analyst_customer_merged_out_merge on analyst_customer_merged_out (merge_id);
