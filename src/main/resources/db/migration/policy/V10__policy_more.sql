-- Policy numbers come from a sequence so two concurrent issues never pick the same number.
create sequence policy_number_seq;

-- A term is renewed at most once: the renewal chain is a line, never a tree.
create unique index policy_renewed_once on policy(renews_policy_id) where renews_policy_id is not null;
