-- Monthly snapshots of 客均合同 (contracts per customer) for the whole book, refreshed by a batch over the policy table.
-- A policy counts as active on a day d when start_date <= d <= end_date and it had not lapsed or been cancelled by
-- then (terminated_on is null or terminated_on > d). A customer counts when he holds (as policyholder) at least one
-- policy active on d.
-- Each row is taken on as_of = the month's end, or for the running month the day the batch ran (as_of < month_end);
-- a row whose as_of is before its month's end is recomputed by the next run until the month is over.
create table contracts_per_customer_monthly (
    month_end          date primary key,
    as_of              date not null,
    active_contracts   bigint not null check (active_contracts >= 0),
    active_customers   bigint not null check (active_customers >= 0),
    computed_at        timestamptz not null,
    constraint contracts_per_customer_monthly_as_of check (as_of <= month_end),
    constraint contracts_per_customer_monthly_customers check (active_customers <= active_contracts)
);
