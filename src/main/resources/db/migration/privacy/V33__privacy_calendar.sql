-- The working-day calendar of data-subject request deadlines (docs/privacy.md §6): weekdays are working days except
-- the public holidays entered here; weekend days entered as WORKDAY are the make-up working days (调休) of the
-- State Council's yearly holiday schedule. Entered by compliance staff each year; nothing is assumed.
create table privacy_calendar_day (
    day         date primary key,
    kind        text not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name        text not null check (length(name) between 1 and 100),
    updated_at  timestamptz not null,
    updated_by  text not null
);
