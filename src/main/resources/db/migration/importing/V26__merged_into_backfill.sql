-- Merges made before customer.merged_into_id existed (V12) point their merged customer at the survivor.
update customer c set merged_into_id = m.survivor_id
  from customer_merge m
 where m.merged_id = c.id and m.unmerged_at is null and c.merged_into_id is null;
