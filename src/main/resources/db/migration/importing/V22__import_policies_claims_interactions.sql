-- Imports of policies, claims and interactions: the same jobs, errors and chunks as customers, one staging table
-- per entity, and the key that makes an interaction import idempotent (core systems give interactions an id of
-- their own; the interaction table has none, so the importing module keeps the link).

alter table import_profile drop constraint import_profile_entity_check;
alter table import_profile add constraint import_profile_entity_check
    check (entity in ('CUSTOMER','POLICY','CLAIM','INTERACTION'));
alter table import_job drop constraint import_job_entity_check;
alter table import_job add constraint import_job_entity_check
    check (entity in ('CUSTOMER','POLICY','CLAIM','INTERACTION'));

create table import_staged_policy (
    job_id            bigint not null references import_job(id) on delete cascade,
    row_number        integer not null,
    chunk_no          integer not null,
    policy_number     text not null,
    holder_number     bigint,            -- the customer number (customer.id) given in the file
    holder_id_number  text,              -- or the holder's resident ID number
    insured_number    bigint,
    insured_id_number text,
    product_code      text not null,
    premium           numeric(14,2) not null,
    payment_frequency text not null,
    annual_premium    numeric(14,2) not null,
    sum_insured       numeric(16,2) not null,
    start_date        date not null,
    end_date          date,              -- blank: start plus the product's term
    status            text not null,
    terminated_on     date,
    channel           text not null,
    agent_code        text not null,
    -- resolved by the dry run
    holder_id         bigint,
    insured_id        bigint,
    product_id        bigint,
    agent_id          bigint,
    branch_id         bigint,
    policy_id         bigint,
    action            text check (action in ('CREATE','UPDATE','UNCHANGED')),
    source            jsonb not null,
    primary key (job_id, row_number)
);
create index import_staged_policy_chunk_idx on import_staged_policy(job_id, chunk_no);

create table import_staged_claim (
    job_id          bigint not null references import_job(id) on delete cascade,
    row_number      integer not null,
    chunk_no        integer not null,
    claim_number    text not null,
    policy_number   text not null,
    incident_date   date not null,
    reported_on     date not null,
    settled_on      date,
    amount_claimed  numeric(14,2) not null,
    amount_paid     numeric(14,2),
    status          text not null,
    description     text,
    policy_id       bigint,
    customer_id     bigint,
    branch_id       bigint,
    claim_id        bigint,
    action          text check (action in ('CREATE','UPDATE','UNCHANGED')),
    source          jsonb not null,
    primary key (job_id, row_number)
);
create index import_staged_claim_chunk_idx on import_staged_claim(job_id, chunk_no);

create table import_staged_interaction (
    job_id             bigint not null references import_job(id) on delete cascade,
    row_number         integer not null,
    chunk_no           integer not null,
    external_id        text not null,
    customer_number    bigint,
    customer_id_number text,
    type               text not null,
    channel            text not null,
    occurred_at        timestamptz not null,
    outcome            text,
    nps_score          smallint,
    agent_code         text,
    customer_id        bigint,
    branch_id          bigint,
    agent_id           bigint,
    interaction_id     bigint,
    action             text check (action in ('CREATE','UPDATE','UNCHANGED')),
    source             jsonb not null,
    primary key (job_id, row_number)
);
create index import_staged_interaction_chunk_idx on import_staged_interaction(job_id, chunk_no);

-- The external id a core system gave an imported interaction: importing it again updates, never duplicates.
create table import_interaction_key (
    external_id     text primary key,
    interaction_id  bigint not null unique references interaction(id) on delete cascade,
    job_id          bigint references import_job(id) on delete set null
);

insert into import_profile (name, entity, description, mapping) values
('policies', 'POLICY', '保单，中文或英文表头 / policies, Chinese or English headers',
 '{
   "保单号": "policyNumber", "保单号码": "policyNumber", "policy_number": "policyNumber", "policynumber": "policyNumber",
   "客户编号": "customerNumber", "客户号": "customerNumber", "投保人客户编号": "customerNumber", "customer_number": "customerNumber", "customer_id": "customerNumber",
   "投保人身份证号": "idNumber", "身份证号": "idNumber", "证件号码": "idNumber", "id_number": "idNumber", "holder_id_number": "idNumber",
   "被保险人客户编号": "insuredNumber", "insured_number": "insuredNumber",
   "被保险人身份证号": "insuredIdNumber", "insured_id_number": "insuredIdNumber",
   "产品代码": "productCode", "险种代码": "productCode", "product_code": "productCode", "product": "productCode",
   "保费": "premium", "期缴保费": "premium", "premium": "premium",
   "缴费频率": "paymentFrequency", "缴费方式": "paymentFrequency", "payment_frequency": "paymentFrequency",
   "保额": "sumInsured", "sum_insured": "sumInsured",
   "生效日期": "startDate", "起保日期": "startDate", "start_date": "startDate",
   "满期日期": "endDate", "终止日期": "endDate", "end_date": "endDate",
   "保单状态": "status", "状态": "status", "status": "status",
   "失效日期": "terminatedOn", "terminated_on": "terminatedOn",
   "销售渠道": "channel", "渠道": "channel", "channel": "channel",
   "代理人工号": "agentCode", "业务员工号": "agentCode", "agent_code": "agentCode", "agent": "agentCode"
 }'::jsonb),
('claims', 'CLAIM', '理赔，中文或英文表头 / claims, Chinese or English headers',
 '{
   "赔案号": "claimNumber", "理赔号": "claimNumber", "claim_number": "claimNumber",
   "保单号": "policyNumber", "policy_number": "policyNumber",
   "出险日期": "incidentDate", "incident_date": "incidentDate",
   "报案日期": "reportedOn", "reported_on": "reportedOn",
   "结案日期": "settledOn", "settled_on": "settledOn",
   "索赔金额": "amountClaimed", "报案金额": "amountClaimed", "amount_claimed": "amountClaimed",
   "赔付金额": "amountPaid", "amount_paid": "amountPaid",
   "理赔状态": "status", "状态": "status", "status": "status",
   "出险经过": "description", "描述": "description", "description": "description"
 }'::jsonb),
('interactions', 'INTERACTION', '客户互动，中文或英文表头 / interactions, Chinese or English headers',
 '{
   "互动编号": "externalId", "外部编号": "externalId", "external_id": "externalId", "id": "externalId",
   "客户编号": "customerNumber", "customer_number": "customerNumber", "customer_id": "customerNumber",
   "身份证号": "idNumber", "证件号码": "idNumber", "id_number": "idNumber",
   "互动类型": "type", "类型": "type", "type": "type",
   "渠道": "channel", "channel": "channel",
   "时间": "occurredAt", "发生时间": "occurredAt", "occurred_at": "occurredAt",
   "结果": "outcome", "备注": "outcome", "outcome": "outcome",
   "NPS": "npsScore", "nps_score": "npsScore", "nps": "npsScore",
   "代理人工号": "agentCode", "agent_code": "agentCode"
 }'::jsonb);
