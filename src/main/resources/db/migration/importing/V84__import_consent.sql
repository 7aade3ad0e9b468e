-- Consent captured by the customer importer (docs/importing.md "Consent columns"): per staged row the file's state of
-- three purposes (true grant, false withdrawal, null blank = nothing recorded), when it was given and the notice
-- version. The commit records them in the privacy module's consent history with the source IMPORTED (which V31 has).
alter table import_staged_customer
    add column consent_marketing      boolean,
    add column consent_analytics      boolean,
    add column consent_sensitive_data boolean,
    add column consent_recorded_at    timestamptz,
    add column notice_version         text;

-- the usual headers in the default profile; the profile's own entries win (|| keeps the right-hand value)
update import_profile
   set mapping = cast('{"营销同意": "consentMarketing", "consent_marketing": "consentMarketing",
                       "数据分析同意": "consentAnalytics", "consent_analytics": "consentAnalytics",
                       "敏感信息同意": "consentSensitiveData", "敏感个人信息同意": "consentSensitiveData",
                       "consent_sensitive_data": "consentSensitiveData",
                       "同意时间": "consentRecordedAt", "consent_recorded_at": "consentRecordedAt",
                       "告知书版本": "noticeVersion", "隐私政策版本": "noticeVersion", "notice_version": "noticeVersion"}'
                  as jsonb) || mapping
 where name = 'customers';
