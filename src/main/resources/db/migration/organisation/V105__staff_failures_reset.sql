-- An administrator's unlock: sign-in failures of the account before this time no longer count towards its lock (the
-- failures stay in the append-only audit trail).
alter table staff_user add column login_failures_reset_at timestamptz;
