-- Why a segment or tag rule version was saved (docs/segmentation.md, "Rule versions: reason and concurrent saves"):
-- every version saved from now on carries the analyst's reason (1–500 characters); the versions saved before have
-- none (null), and the pages show them as saved before reasons were asked for.
alter table segment_rule_set add column reason text check (reason is null or length(reason) between 1 and 500);
alter table tag_rule_set add column reason text check (reason is null or length(reason) between 1 and 500);
