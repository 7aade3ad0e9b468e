-- Sign-in throttling by client address counts the recent LOGIN_FAILED rows of an address (any usernames).
create index audit_event_login_failed_addr_idx on audit_event (remote_addr, occurred_at) where action = 'LOGIN_FAILED';
