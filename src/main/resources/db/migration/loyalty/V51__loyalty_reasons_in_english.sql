-- Reasons shown to staff in both languages: the tier reason of a member and of a tier change, and the reason of a
-- system-written points row (expiry), gain an English text beside the Chinese one. The evaluation writes both from
-- now on; the rows written before are translated here from the fixed phrases the evaluation used (a free-text
-- override reason stays as the staff member typed it).
alter table loyalty_member add column reason_en text;
alter table loyalty_tier_change add column reason_en text;
alter table loyalty_points_entry add column reason_en text;

create function loyalty_reason_en(reason text) returns text language sql immutable as $$
    select case
        when reason = '无有效家财险保单' then 'no active home policy'
        when reason ~ '^人工调整至 [0-9-]+：' then regexp_replace(reason, '^人工调整至 ([0-9-]+)：(.*)$', 'set by hand until \1: \2')
        else regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(reason,
            '^持有有效家财险保单（累计投保 ([0-9]+) 年，年缴保费 ([0-9.,]+)）$', 'holds an active home policy (\1 insured years, annual premium \2)'),
            '累计投保 ([0-9]+) 年 ≥ ([0-9]+) 年', '\1 insured years ≥ \2', 'g'),
            '家财险年缴保费 ([0-9.,]+) > ([0-9.,]+)', 'annual home premium \1 > \2', 'g'),
            '近12个月积分 ([0-9]+) ≥ ([0-9]+)', 'points in the last 12 months \1 ≥ \2', 'g'),
            '；', '; ', 'g')
    end
$$;

update loyalty_member set reason_en = loyalty_reason_en(reason);
update loyalty_tier_change set reason_en = loyalty_reason_en(reason);
update loyalty_points_entry set reason_en = regexp_replace(reason, '^积分到期（(.*)）$', 'points expired (\1)')
 where kind = 'EXPIRE' and reason like '积分到期（%';
