-- VALUE and LIFE_STAGE placements now carry their reason as a message key and arguments (reason_key, reason_args),
-- like BEHAVIOUR, RISK and DYNAMIC since V42. Rows written before keep their Chinese text (old history stays as it
-- was). The current rows are replaced by the next whole-book run: it sees a different reason for every customer and
-- opens a new period (or rewrites in place a period that began the same day). Forgetting the last run makes the next
-- nightly run a whole-book run (docs/segmentation.md, "The nightly run is incremental").
delete from segment_batch;
