-- A password an administrator set (a new account, a reset) is temporary: its owner must choose his own at his next
-- sign-in before any other page opens. Existing accounts keep the password they have.
alter table staff_user add column password_change_required boolean not null default false;
