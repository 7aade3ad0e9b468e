-- The customer's premium payment account (docs/privacy.md section 10, ADR 0004): the bank's name in the clear, the
-- account number sensitive — stored as a platform.crypto.FieldCipher envelope (AES-256-GCM, key id in the header),
-- found by its keyed blind index (exact search, duplicate matching), shown from its stored mask.
alter table customer
    add column bank_name                text,
    add column bank_account             text,   -- v1:<keyId>:<base64(iv, ciphertext, tag)>; clear only if written by a non-encrypting writer
    add column bank_account_bidx        text,   -- hex(HMAC-SHA256(blind index key, customer.bank_account, digits))
    add column bank_account_masked      text,   -- 6222 **** **** 1234, what screens show; not sensitive
    add column bank_account_bidx_next   text;   -- the index under the next blind index key during its rotation

-- Not unique: two customers may pay from one account (a couple, a parent for a child); equal indexes are how
-- duplicates and shared accounts are found.
create index customer_bank_account_bidx_idx on customer (bank_account_bidx) where bank_account_bidx is not null;
create index customer_bank_account_bidx_next_idx on customer (bank_account_bidx_next) where bank_account_bidx_next is not null;
-- rows still in the clear (none once the start-up batch has run): found without reading the table
create index customer_bank_account_clear_idx on customer (id) where bank_account is not null and bank_account not like 'v1:%';

-- The mask of a value written in the clear (a writer that does not encrypt); writers that encrypt set it themselves.
create function customer_bank_account_masked() returns trigger language plpgsql as $$
begin
    if new.bank_account is not null and new.bank_account not like 'v1:%' then
        new.bank_account_masked := left(new.bank_account, 4) || ' **** **** ' || right(new.bank_account, 4);
    elsif new.bank_account is null then
        new.bank_account_masked := null;
        new.bank_account_bidx := null;
    end if;
    return new;
end $$;
create trigger customer_bank_account_masked before insert or update of bank_account on customer
    for each row execute function customer_bank_account_masked();

-- A row whose account changes (edit, import, erasure, re-encryption) loses its next index, so the rotation recomputes it.
create function customer_bank_account_bidx_next_reset() returns trigger language plpgsql as $$
begin
    if new.bank_account is distinct from old.bank_account
       and new.bank_account_bidx_next is not distinct from old.bank_account_bidx_next then
        new.bank_account_bidx_next := null;
    end if;
    return new;
end $$;
create trigger customer_bank_account_bidx_next_reset before update of bank_account on customer
    for each row execute function customer_bank_account_bidx_next_reset();
