-- Why each version of the gap rules and of the incentives was saved, kept with the version: required on every save from
-- now on (checked by GapRules.save and Incentives.save), null for the versions saved before reasons were asked for.
alter table crosssell_gap_rule_set add column reason text check (reason is null or length(reason) between 1 and 500);
alter table crosssell_incentive_set add column reason text check (reason is null or length(reason) between 1 and 500);
