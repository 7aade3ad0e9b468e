-- Rotation of the blind index key (ADR 0004, amendment): while a next key is configured, id_number_bidx_next holds
-- each ID number's index under it, filled by a resumable background job; the switch moves it into id_number_bidx.
alter table customer add column id_number_bidx_next text;
create unique index customer_id_number_bidx_next_idx on customer (id_number_bidx_next) where id_number_bidx_next is not null;

-- A row whose ID number changes (erasure, merge restore, re-encryption) loses its next index, so the job recomputes it.
create function customer_bidx_next_reset() returns trigger language plpgsql as $$
begin
    if new.id_number is distinct from old.id_number and new.id_number_bidx_next is not distinct from old.id_number_bidx_next then
        new.id_number_bidx_next := null;
    end if;
    return new;
end $$;
create trigger customer_bidx_next_reset before update of id_number on customer
    for each row execute function customer_bidx_next_reset();

-- Which blind index key the index columns are under (a fingerprint, not the key): written by the switch, checked at
-- start so an instance still configured with the old key adopts the next one instead of searching with the wrong key.
create table blind_index_key (
    field        text primary key,
    fingerprint  text not null,
    switched_at  timestamptz,
    switched_by  text
);
