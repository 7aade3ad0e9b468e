-- The daily scan (TriggerScan) finds the day's birthdays, policy anniversaries and customer anniversaries through
-- these indexes instead of reading every customer and every policy (docs/engagement.md, "The daily scan").
-- month * 100 + day: extract(... from date) is immutable, to_char is not.
create index customer_birthday_idx on customer (((extract(month from birth_date) * 100 + extract(day from birth_date))::int))
    where kind = 'INDIVIDUAL' and birth_date is not null;
create index policy_anniversary_idx on policy (((extract(month from start_date) * 100 + extract(day from start_date))::int))
    where status = 'ACTIVE';
-- customer anniversaries are looked up as one window of a day per year since the first customer
create index customer_created_at_idx on customer (created_at);
