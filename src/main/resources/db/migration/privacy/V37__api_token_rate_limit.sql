-- Each API token may make this many requests per minute (per application instance); more are answered 429.
alter table api_token add column requests_per_minute int not null default 600
    check (requests_per_minute between 1 and 100000);
