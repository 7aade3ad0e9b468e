-- The file's cells an import keeps are personal data (names, phones, ID and bank account numbers, health details in a
-- claim's description or an interaction's outcome): from now on they are stored as FieldCipher envelopes
-- (v1:<keyId>:...), sealed by the application before they enter a COPY stream (importing.RowErrors, docs/privacy.md
-- section 10 "The import's copy of the file"):
-- * import_row_error.source, the row's cells as read (a JSON array, sealed as one text) so the error file reproduces
--   the input, and import_row_error.value, the offending cell;
-- * the staged rows' source, the cells copied into the errors the set-based checks find.
-- An envelope is text, not JSON: the columns become text (a clear value keeps its JSON text and is still read).
-- A purged error row has no cells at all (null), no longer an empty array.
alter table import_row_error alter column source drop not null;
alter table import_row_error alter column source type text using case when source = '[]'::jsonb then null else source::text end;
alter table import_staged_customer alter column source type text using source::text;
alter table import_staged_claim alter column source type text using source::text;
alter table import_staged_interaction alter column source type text using source::text;
alter table import_staged_policy alter column source type text using source::text;

-- Error rows still in the clear (none once the start-up run has sealed them; importing.ImportEncryptedColumns): the
-- start-up check reads these, not the table. Staged rows are not batch-sealed: they are deleted when their job is
-- committed or cancelled, or by the retention purge.
create index import_row_error_source_clear_idx on import_row_error (id)
    where source is not null and source not like 'v1:%';
create index import_row_error_value_clear_idx on import_row_error (id)
    where value is not null and value not like 'v1:%';
