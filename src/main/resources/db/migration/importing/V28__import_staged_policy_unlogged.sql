-- Staged policies are a scratch copy of a validated file, written once by the dry run and read once by the commit:
-- they need no WAL, neither when a million of them are written nor when they are deleted. PostgreSQL empties an
-- unlogged table after a crash of the database server (not of the application: a kill -9 of the application keeps
-- them); the commit then finds fewer staged rows than the dry run counted and stops, naming the cause, instead of
-- finishing without them (PolicyRowHandler.checkStaged): upload the file again — rows already committed are then
-- unchanged.
alter table import_staged_policy set unlogged;
