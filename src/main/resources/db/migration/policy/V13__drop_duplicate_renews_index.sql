-- policy_renews_idx (V5) indexes the same column as the unique partial index policy_renewed_once (V10, where
-- renews_policy_id is not null). Every lookup by that column is an equality, which only non-null values satisfy, so
-- the partial index serves them all (the renewal chain, the foreign key's check when a policy is deleted, the
-- segmentation's expiry-without-renewal join); the second index only cost every policy insert and update.
drop index if exists policy_renews_idx;
