-- Resident ID numbers encrypted at rest (docs/privacy.md section 5, ADR 0004).
-- customer.id_number now holds the envelope v1:<keyId>:<base64(iv, ciphertext, tag)> written by platform.crypto.FieldCipher;
-- rows of a database from before this migration keep their clear value until the start-up batch
-- (privacy.crypto.IdNumberEncryption) encrypts them. Exact search and uniqueness go through the blind index.
alter table customer
    add column id_number_bidx   text,   -- hex(HMAC-SHA256(blind index key, normalised ID number)); null for companies
    add column id_number_masked text;   -- 110***********1234, shown on screens; not sensitive

-- The masked form of a value written in the clear (rows from before encryption, or a writer that does not encrypt):
-- computed here so every screen has it; writers that encrypt set it themselves.
create function customer_id_number_masked() returns trigger language plpgsql as $$
begin
    if new.id_number is not null and new.id_number not like 'v1:%' then
        new.id_number_masked := left(new.id_number, 3) || repeat('*', greatest(length(new.id_number) - 7, 0))
                                || right(new.id_number, 4);
    elsif new.id_number is null then
        new.id_number_masked := null;
    end if;
    return new;
end $$;
create trigger customer_id_number_masked before insert or update of id_number on customer
    for each row execute function customer_id_number_masked();

update customer set id_number_masked = left(id_number, 3) || repeat('*', greatest(length(id_number) - 7, 0)) || right(id_number, 4)
 where id_number is not null and id_number not like 'v1:%';

-- uniqueness moves from the (now randomised) column to its blind index
drop index customer_id_number_uq;
create unique index customer_id_number_bidx_uq on customer(id_number_bidx) where id_number_bidx is not null;

-- the importer stages the encrypted value and matches on the blind index
alter table import_staged_customer
    add column id_number_bidx   text,
    add column id_number_masked text;

-- rows still in the clear (none once the start-up batch has run): found without reading the table
create index customer_id_number_clear_idx on customer(id) where id_number is not null and id_number not like 'v1:%';
