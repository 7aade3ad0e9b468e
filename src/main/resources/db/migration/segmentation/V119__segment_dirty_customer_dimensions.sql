-- A customer's update marks the dimensions of the columns it changed (V118 did so for every other table): kind,
-- marital status and birth date are read by LIFE_STAGE; kind, industry and region by RISK (SegmentSql). His birth
-- date is a child's age in his household: its members are marked for LIFE_STAGE. An insert still marks every
-- dimension and the lines (null); the lines he holds never change with these columns.

create or replace function segment_mark_customer() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into segment_dirty (customer_id) select id from new_rows;
    else
        -- his own placements, and (his birth date is a child's age) those of his household
        with changed as (
            select n.id, o.birth_date is distinct from n.birth_date as born_changed,
                   array_remove(array[
                       case when (o.kind, o.marital_status, o.birth_date) is distinct from (n.kind, n.marital_status, n.birth_date)
                            then 'LIFE_STAGE' end,
                       case when (o.kind, o.industry, o.region_code) is distinct from (n.kind, n.industry, n.region_code)
                            then 'RISK' end], null) as dimensions
              from old_rows o join new_rows n on n.id = o.id
             where (o.kind, o.marital_status, o.birth_date, o.industry, o.region_code)
                   is distinct from (n.kind, n.marital_status, n.birth_date, n.industry, n.region_code))
        insert into segment_dirty (customer_id, dimensions)
        select id, dimensions from changed
        union all
        select m.customer_id, '{LIFE_STAGE}'
          from changed ch
          join household_member me on me.customer_id = ch.id
          join household_member m on m.household_id = me.household_id and m.customer_id <> ch.id
         where ch.born_changed;
    end if;
    return null;
end
$$;
