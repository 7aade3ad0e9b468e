-- Policy imports check every reference in the dry run before a row is staged (PolicyRowHandler.classify): a staged
-- policy can no longer be refused, so it needs no copy of the file's cells (import_row_error keeps them for the rows
-- that are refused). Staged rows are written once and read once, chunk by chunk.
alter table import_staged_policy alter column source drop not null;
