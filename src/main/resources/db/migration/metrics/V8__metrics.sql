-- Monthly snapshots of 客均合同 (contracts per customer), refreshed by a batch over the policy table.
-- A policy counts as active at a month's end when it started on or before that day, ends on or after it,
-- and had not lapsed or been cancelled by then.
create table contracts_per_customer_monthly (
    month_end          date primary key,
    active_contracts   bigint not null,
    active_customers   bigint not null,
    computed_at        timestamptz not null
);
