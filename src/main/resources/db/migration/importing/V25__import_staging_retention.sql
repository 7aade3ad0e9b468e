-- Staged rows and the cells of error rows hold the file's personal data (names, phones, ID numbers in the clear).
-- They are removed a retention period after the job finished (crm.import.retention-days); purged_at says when.
alter table import_job add column purged_at timestamptz;
create index import_job_purge_idx on import_job(finished_at) where purged_at is null and finished_at is not null;
