-- Resident ID numbers are encrypted in customer.id_number (ADR 0004): staged policies and interactions name their
-- customer by the blind index of the ID number, computed in the application when the row is staged, and matched
-- against customer.id_number_bidx. The existing *_id_number columns now hold the masked form (110***********1234),
-- shown in error rows; the clear number stays only in the row's source cells (see ADR 0004, what is not covered).
alter table import_staged_policy
    add column holder_id_number_bidx  text,
    add column insured_id_number_bidx text;

alter table import_staged_interaction
    add column customer_id_number_bidx text;
