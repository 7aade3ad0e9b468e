-- API tokens bound to one branch's data scope (null: the whole book, as before), and rotation: the successor
-- names the token it replaces. A revocation may be scheduled (revoked_at in the future: the old token keeps working
-- until then, so an integration can switch over without a gap).
alter table api_token add column branch_id bigint references branch(id);
alter table api_token add column rotated_from bigint references api_token(id);
create index api_token_rotated_from_idx on api_token (rotated_from) where rotated_from is not null;

-- What a CORRECTION request corrected (PIPL art. 46), one row per field changed, written in the transaction that
-- corrects the customer and completes the request. Values are stored masked where sensitive (name, phone): the
-- request is a long-lived record and must not become a second copy of the personal data.
create table dsr_correction (
    request_id  bigint not null references dsr_request(id),
    field       text not null check (length(field) between 1 and 40),
    before_value text,
    after_value  text,
    primary key (request_id, field)
);
