-- A stand-in book for benchmarking the metrics queries until the demo generator (branch demo) is merged:
-- CUSTOMERS individual customers, 3 policies each on average over ten years (1-year and 20-year terms,
-- some lapsed or cancelled), about 30% of customers in households of 2–3, three staff users.
-- Run on an EMPTY, migrated database (the app's Flyway schema), e.g.
--   psql -h 127.0.0.1 -U postgres -d metrics_scratch -v customers=1000000 -f bench/scratch-book.sql
-- Deterministic (setseed). Never run it against a database that matters: it truncates the book first.
\set ON_ERROR_STOP on
\if :{?customers}
\else
  \set customers 1000000
\endif
select setseed(0.20261122);
truncate customer, household, policy, claim, interaction, agent, branch, staff_user, product,
         contracts_per_customer_monthly restart identity cascade;

insert into branch (code, name, region_code, city)
select 'BR' || lpad(g::text, 3, '0'), r.name_zh || '分公司' || ((g - 1) / 31 + 1), r.code, r.name_zh
from generate_series(1, 62) g
join (select code, name_zh, row_number() over (order by code) as n from region) r on r.n = (g - 1) % 31 + 1;

insert into agent (code, name, kind, branch_id)
select 'AG' || lpad(g::text, 5, '0'), '代理人' || g, case when g % 10 = 0 then 'ADVISOR' else 'AGENT' end, (g - 1) % 62 + 1
from generate_series(1, 2000) g;

insert into product (code, name_zh, name_en, line, layer, category, term_months) values
 ('MED01','百万医疗险','Million medical','MEDICAL','BASIC','LIFE_HEALTH',12),
 ('ACC01','综合意外险','Accident','ACCIDENT','BASIC','LIFE_HEALTH',12),
 ('CI01','重疾险','Critical illness','CRITICAL_ILLNESS','ADVANCED','LIFE_HEALTH',240),
 ('TL01','定期寿险','Term life','TERM_LIFE','ADVANCED','LIFE_HEALTH',240),
 ('AN01','年金险','Annuity','ANNUITY','WEALTH','LIFE_HEALTH',240),
 ('WL01','增额终身寿险','Whole life','WHOLE_LIFE','WEALTH','LIFE_HEALTH',240),
 ('HP01','家庭财产险','Home property','HOME_PROPERTY',null,'PROPERTY',12),
 ('MO01','车险','Motor','MOTOR',null,'PROPERTY',12),
 ('CP01','企业财产险','Corporate property','CORPORATE_PROPERTY',null,'PROPERTY',12),
 ('LI01','责任险','Liability','LIABILITY',null,'PROPERTY',12);

-- customers: agent a serves customers of his branch
insert into customer (kind, name, gender, birth_date, id_number, region_code, city, agent_id, branch_id, created_at, updated_at)
select 'INDIVIDUAL', '客户' || g, case when g % 2 = 0 then 'MALE' else 'FEMALE' end,
       date '1950-01-01' + (random() * 20000)::int, 'X' || g, b.region_code, b.city, a.id, a.branch_id, now(), now()
from generate_series(1, :customers) g
join agent a on a.id = 1 + (hashint4(g) & 2147483647) % 2000
join branch b on b.id = a.branch_id;

-- policies: 3 per customer on average; start over the last ten years
insert into policy (policy_number, holder_id, insured_id, product_id, premium, payment_frequency, annual_premium,
                    sum_insured, start_date, end_date, status, terminated_on, channel, agent_id, branch_id, created_at)
select 'P' || x.n, x.holder, x.holder, x.product, 1000, 'ANNUAL', 1000, 100000, x.start_date, x.end_date,
       case when x.fate < 0.08 then 'LAPSED' when x.fate < 0.11 then 'CANCELLED'
            when x.end_date < current_date then 'EXPIRED' else 'ACTIVE' end,
       case when x.fate < 0.11 then x.start_date + ((x.end_date - x.start_date) * x.cut)::int + 1 end,
       (array['AGENT','AGENT','AGENT','BANCASSURANCE','ONLINE','TELESALES','BROKER'])[1 + (x.n % 7)],
       c.agent_id, c.branch_id, now()
from (select g, 1 + (random() * (:customers - 1))::int as holder, 1 + (random() * 9)::int as product,
             current_date - (random() * 3650)::int as start_date, random() as fate, random() * 0.9 as cut
      from generate_series(1, 3 * :customers) g) s
cross join lateral (select s.g as n, s.holder, s.product, s.start_date, s.fate, s.cut,
        case when s.product in (3, 4, 5, 6) then s.start_date + interval '20 years' - interval '1 day'
             else s.start_date + interval '1 year' - interval '1 day' end::date as end_date) x
join customer c on c.id = x.holder;
-- a lapse or cancellation dated after today is not possible yet: those policies are still active
update policy set status = 'ACTIVE', terminated_on = null
where terminated_on > current_date and end_date >= current_date;
update policy set status = 'EXPIRED', terminated_on = null
where terminated_on > current_date and end_date < current_date;

-- households: customers 1..30% in households of three (head, spouse, child)
insert into household (name, created_at)
select '家庭' || g, now() from generate_series(1, (:customers * 0.3 / 3)::int) g;
insert into household_member (household_id, customer_id, relationship, joined_on)
select (g - 1) / 3 + 1, g, (array['SELF','SPOUSE','CHILD'])[1 + (g - 1) % 3], date '2020-01-01'
from generate_series(1, ((:customers * 0.3 / 3)::int) * 3) g;

insert into staff_user (username, password_hash, display_name, role, agent_id, branch_id) values
 ('analyst', '{noop}demo1234', '数据分析师 王敏', 'ANALYST', null, null),
 ('manager', '{noop}demo1234', '分公司经理 李强', 'BRANCH_MANAGER', null, 1),
 ('agent', '{noop}demo1234', '代理人 张伟', 'AGENT', 1, null);

vacuum analyze customer, policy, household_member, household, agent, branch, product;
select (select count(*) from customer) as customers, (select count(*) from policy) as policies,
       (select count(*) from policy where status = 'ACTIVE') as active, (select count(*) from household) as households;
