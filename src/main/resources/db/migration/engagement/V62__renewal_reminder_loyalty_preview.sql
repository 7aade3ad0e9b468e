-- The renewal reminder ends with what renewing a home policy unlocks in the loyalty programme ({{loyaltyPreview}},
-- e.g. 续保即可升级为黄金会员，解锁…。). The variable is a whole sentence, or empty when the renewal brings no upgrade
-- or the policy is not home insurance, so it goes last, after the closing full stop: without it the text is unchanged.
update engagement_template
   set body = body || case when locale = 'en' then ' {{loyaltyPreview}}' else '{{loyaltyPreview}}' end,
       version = version + 1, updated_at = '2026-12-02 00:00+08', updated_by = 'system'
 where code = 'RENEWAL_REMINDER' and body not like '%loyaltyPreview%';
