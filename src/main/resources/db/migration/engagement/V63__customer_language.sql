-- The language a customer reads his messages in (docs/engagement.md, "Per-customer language"). The customer table has
-- no language, so the preference lives here; a customer without a row gets crm.engagement.locale (zh-CN by default).
create table engagement_language (
    customer_id  bigint primary key references customer(id),
    locale       text not null check (locale in ('zh-CN','en')),
    updated_at   timestamptz not null,
    updated_by   text not null
);
