-- A customer merged into another (module importing, deduplication) keeps his row — his consent history is
-- append-only and the audit trail names him — but points to the survivor: lists leave him out and a search by his
-- name, phone or ID number finds the survivor. Cleared again by an unmerge.
alter table customer add column merged_into_id bigint references customer(id);
create index customer_merged_into_idx on customer(merged_into_id) where merged_into_id is not null;
