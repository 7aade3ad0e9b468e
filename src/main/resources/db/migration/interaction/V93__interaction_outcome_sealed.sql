-- An interaction's outcome is free text staff type after a call or a visit and may carry health or family details:
-- from now on it is stored as a FieldCipher envelope (v1:<keyId>:...), sealed by the application
-- (interaction.InteractionEncryptedColumns, docs/privacy.md section 10). A migration cannot encrypt; values written in
-- the clear before this version are sealed at start (privacy.crypto.EncryptionOnStart) and found cheaply through the
-- partial index below. The table already has the bigint id the batch walks.

-- Rows still in the clear (none once the start-up run has sealed them): the start-up check reads this, not the table.
create index interaction_outcome_clear_idx on interaction (id)
    where outcome is not null and outcome not like 'v1:%';
