-- A rule change of one dimension re-places only that dimension (docs/segmentation.md, "A rule change"): it must then
-- update the due day of a customer without re-running his other dimensions. segment_recheck keeps the first day on
-- which time alone may change each of his five placements (null: only a write can); due stays their least, as before.
-- Existing rows get their due in every column: no later than each true until (due was their least), so a customer falls
-- due no later than before; an earlier day only costs a recompute that changes nothing, and any run of all five
-- dimensions of the customer (the nightly run when due, a whole-book or one-customer run) writes the true days.
alter table segment_recheck
    add column value_until      date,
    add column life_stage_until date,
    add column behaviour_until  date,
    add column risk_until       date,
    add column dynamic_until    date;
update segment_recheck
   set value_until = due, life_stage_until = due, behaviour_until = due, risk_until = due, dynamic_until = due
 where due is not null;

-- A run of segment_book_run may be a run of one dimension after its rule change (null: the whole book, every dimension).
alter table segment_book_run add column dimension text check (dimension in ('VALUE', 'LIFE_STAGE', 'BEHAVIOUR', 'RISK', 'DYNAMIC', 'TAGS'));
