-- Why each version of the tier rules was saved, kept with the version: required on every save from now on (checked by
-- LoyaltyRules.save), null for the versions saved before reasons were asked for.
alter table loyalty_rule_set add column reason text check (reason is null or length(reason) between 1 and 500);
