-- The customer import's bank account columns (docs/importing.md): staged sealed like the ID number (envelope, blind
-- index, mask), one row per staged customer row that has a bank cell. A table of its own rather than columns of
-- import_staged_customer: this version sorts before V20, so on a new database it runs before that table exists
-- (hence no foreign key either; the customer row handler deletes these rows with the job's staged rows).
create table import_staged_bank_account (
    job_id              bigint not null,
    row_number          integer not null,
    bank_name           text,
    bank_account        text,   -- FieldCipher envelope
    bank_account_bidx   text,
    bank_account_masked text,
    primary key (job_id, row_number)
);

-- The default customers profile is created by V20, after this version on a new database: the application adds the
-- bank headers to it at start (importing.BankAccountImportMapping), keys already mapped left as they are.
