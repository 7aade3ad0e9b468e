-- PORTAL: a consent or withdrawal the customer recorded himself in the self-service portal (ConsentSource.PORTAL).
-- Consent rows are evidence and append-only: the portal's earlier rows keep the source ONLINE they were recorded with
-- (they are recognised by recorded_by = 'customer:<id>').
alter table consent drop constraint consent_source_check;
alter table consent add constraint consent_source_check
    check (source in ('PAPER_FORM','IN_PERSON','PHONE_RECORDED','ONLINE','IMPORTED','PORTAL'));
