-- Need-cluster assignment, the first form (A: z-scores recomputed inside the distance to every centroid, the centroids
-- looked up per customer, per-row foreign key of the members) against the form of NeedClusterSql.assign since
-- 2026-12-03 (B: z-scores once, centroids materialised once), alternated A B A B, each rolled back (docs/benchmarks.md,
-- "Need clusters on the 1M book"). Run 1 must be a finished k = 6 run (the first run of bench/clusters.sh on a fresh
-- book); the feature table is built for 2026-12-03. The A/B figures in the docs were taken before V111 (the per-row
-- foreign key still there); after V111 both forms are checked per statement.
--   psql -h 127.0.0.1 -U postgres -d clu1m -q -f bench/clusters-assign.sql
set work_mem='64MB'; set jit=off;

            create temporary table need_features as
            with household as (
                     select me.customer_id,
                            bool_or(o.relationship = 'CHILD') as has_child,
                            bool_or(o.relationship = 'PARENT') as has_parent
                       from household_member me
                       join household_member o on o.household_id = me.household_id and o.customer_id <> me.customer_id
                      where me.relationship in ('SELF', 'SPOUSE')
                      group by me.customer_id),
                 covered as (
                     select x.customer_id,
                            bool_or(pr.line = 'ACCIDENT') as accident,
                            bool_or(pr.line = 'MEDICAL') as medical,
                            bool_or(pr.line = 'CRITICAL_ILLNESS') as critical_illness,
                            bool_or(pr.line in ('TERM_LIFE', 'WHOLE_LIFE')) as life,
                            bool_or(pr.line = 'ANNUITY') as annuity,
                            bool_or(pr.line = 'EDUCATION') as education,
                            bool_or(pr.line = 'LONG_TERM_CARE') as long_term_care,
                            bool_or(pr.line = 'HOME_PROPERTY') as home_property,
                            bool_or(pr.line = 'MOTOR') as motor,
                            bool_or(pr.line in ('CORPORATE_PROPERTY', 'LIABILITY')) as business
                       from (select holder_id as customer_id, product_id from policy where status = 'ACTIVE'
                             union all
                             select insured_id, product_id from policy where status = 'ACTIVE' and insured_id <> holder_id) x
                       join product pr on pr.id = x.product_id
                      group by x.customer_id),
                 held as (
                     select holder_id as customer_id, count(*) as contracts, sum(annual_premium) as premium
                       from policy where status = 'ACTIVE'
                      group by holder_id),
                 analytics as (
                     select distinct on (customer_id) customer_id, granted
                       from consent where purpose = 'ANALYTICS'
                      order by customer_id, recorded_at desc, id desc),
                 claims as (
                     select customer_id, count(*) as claims
                       from claim
                      where reported_on > date '2026-12-03' - interval '3 years' and reported_on <= date '2026-12-03'
                      group by customer_id)
            select c.id as customer_id,
                   case when c.kind = 'INDIVIDUAL' and c.birth_date is not null
                        then extract(year from age(date '2026-12-03', c.birth_date))::float8 end as f_age,
                   (c.marital_status = 'MARRIED')::int::float8 as f_married,
                   coalesce(h.has_child, false)::int::float8 as f_children,
                   coalesce(h.has_parent, false)::int::float8 as f_parents,
                   (c.kind = 'CORPORATE')::int::float8 as f_corporate,
                   coalesce(v.accident, false)::int::float8 as f_accident,
                   coalesce(v.medical, false)::int::float8 as f_medical,
                   coalesce(v.critical_illness, false)::int::float8 as f_critical_illness,
                   coalesce(v.life, false)::int::float8 as f_life,
                   coalesce(v.annuity, false)::int::float8 as f_annuity,
                   coalesce(v.education, false)::int::float8 as f_education,
                   coalesce(v.long_term_care, false)::int::float8 as f_long_term_care,
                   coalesce(v.home_property, false)::int::float8 as f_home_property,
                   coalesce(v.motor, false)::int::float8 as f_motor,
                   coalesce(v.business, false)::int::float8 as f_business,
                   ln(1 + coalesce(p.premium, 0))::float8 as f_premium,
                   coalesce(k.claims, 0)::float8 as f_claims,
                   coalesce(p.premium, 0)::float8 as premium_cny,
                   coalesce(p.contracts, 0)::int as contracts,
                   coalesce(a.granted, false) as analytics
              from customer c
              left join household h on h.customer_id = c.id
              left join covered v on v.customer_id = c.id
              left join held p on p.customer_id = c.id
              left join claims k on k.customer_id = c.id
              left join analytics a on a.customer_id = c.id
             where c.merged_into_id is null
            ;
analyze need_features;
\echo A
begin;
delete from need_cluster_member where run_id = 1;
\timing on
insert into need_cluster_member (run_id, customer_id, cluster_no)
select 1, f.customer_id, (select nc.cluster_no from need_cluster nc where nc.run_id = 1 order by power(coalesce((f.f_age - st.m[1]) / st.s[1], 0) - nc.centroid[1], 2) + power(coalesce((f.f_married - st.m[2]) / st.s[2], 0) - nc.centroid[2], 2) + power(coalesce((f.f_children - st.m[3]) / st.s[3], 0) - nc.centroid[3], 2) + power(coalesce((f.f_parents - st.m[4]) / st.s[4], 0) - nc.centroid[4], 2) + power(coalesce((f.f_corporate - st.m[5]) / st.s[5], 0) - nc.centroid[5], 2) + power(coalesce((f.f_accident - st.m[6]) / st.s[6], 0) - nc.centroid[6], 2) + power(coalesce((f.f_medical - st.m[7]) / st.s[7], 0) - nc.centroid[7], 2) + power(coalesce((f.f_critical_illness - st.m[8]) / st.s[8], 0) - nc.centroid[8], 2) + power(coalesce((f.f_life - st.m[9]) / st.s[9], 0) - nc.centroid[9], 2) + power(coalesce((f.f_annuity - st.m[10]) / st.s[10], 0) - nc.centroid[10], 2) + power(coalesce((f.f_education - st.m[11]) / st.s[11], 0) - nc.centroid[11], 2) + power(coalesce((f.f_long_term_care - st.m[12]) / st.s[12], 0) - nc.centroid[12], 2) + power(coalesce((f.f_home_property - st.m[13]) / st.s[13], 0) - nc.centroid[13], 2) + power(coalesce((f.f_motor - st.m[14]) / st.s[14], 0) - nc.centroid[14], 2) + power(coalesce((f.f_business - st.m[15]) / st.s[15], 0) - nc.centroid[15], 2) + power(coalesce((f.f_premium - st.m[16]) / st.s[16], 0) - nc.centroid[16], 2) + power(coalesce((f.f_claims - st.m[17]) / st.s[17], 0) - nc.centroid[17], 2), nc.cluster_no limit 1)
from need_features f cross join (select feature_means as m, feature_sds as s from need_cluster_run where id = 1) st;
\timing off
rollback;
\echo B
begin;
delete from need_cluster_member where run_id = 1;
\timing on
with c as materialized (select cluster_no, centroid from need_cluster where run_id = 1)
insert into need_cluster_member (run_id, customer_id, cluster_no)
select 1, f.customer_id, (select c.cluster_no from c order by (f.z1 - c.centroid[1]) * (f.z1 - c.centroid[1]) + (f.z2 - c.centroid[2]) * (f.z2 - c.centroid[2]) + (f.z3 - c.centroid[3]) * (f.z3 - c.centroid[3]) + (f.z4 - c.centroid[4]) * (f.z4 - c.centroid[4]) + (f.z5 - c.centroid[5]) * (f.z5 - c.centroid[5]) + (f.z6 - c.centroid[6]) * (f.z6 - c.centroid[6]) + (f.z7 - c.centroid[7]) * (f.z7 - c.centroid[7]) + (f.z8 - c.centroid[8]) * (f.z8 - c.centroid[8]) + (f.z9 - c.centroid[9]) * (f.z9 - c.centroid[9]) + (f.z10 - c.centroid[10]) * (f.z10 - c.centroid[10]) + (f.z11 - c.centroid[11]) * (f.z11 - c.centroid[11]) + (f.z12 - c.centroid[12]) * (f.z12 - c.centroid[12]) + (f.z13 - c.centroid[13]) * (f.z13 - c.centroid[13]) + (f.z14 - c.centroid[14]) * (f.z14 - c.centroid[14]) + (f.z15 - c.centroid[15]) * (f.z15 - c.centroid[15]) + (f.z16 - c.centroid[16]) * (f.z16 - c.centroid[16]) + (f.z17 - c.centroid[17]) * (f.z17 - c.centroid[17]), c.cluster_no limit 1)
from (select f.customer_id, coalesce((f.f_age - st.m[1]) / st.s[1], 0) as z1, coalesce((f.f_married - st.m[2]) / st.s[2], 0) as z2, coalesce((f.f_children - st.m[3]) / st.s[3], 0) as z3, coalesce((f.f_parents - st.m[4]) / st.s[4], 0) as z4, coalesce((f.f_corporate - st.m[5]) / st.s[5], 0) as z5, coalesce((f.f_accident - st.m[6]) / st.s[6], 0) as z6, coalesce((f.f_medical - st.m[7]) / st.s[7], 0) as z7, coalesce((f.f_critical_illness - st.m[8]) / st.s[8], 0) as z8, coalesce((f.f_life - st.m[9]) / st.s[9], 0) as z9, coalesce((f.f_annuity - st.m[10]) / st.s[10], 0) as z10, coalesce((f.f_education - st.m[11]) / st.s[11], 0) as z11, coalesce((f.f_long_term_care - st.m[12]) / st.s[12], 0) as z12, coalesce((f.f_home_property - st.m[13]) / st.s[13], 0) as z13, coalesce((f.f_motor - st.m[14]) / st.s[14], 0) as z14, coalesce((f.f_business - st.m[15]) / st.s[15], 0) as z15, coalesce((f.f_premium - st.m[16]) / st.s[16], 0) as z16, coalesce((f.f_claims - st.m[17]) / st.s[17], 0) as z17 from need_features f cross join (select feature_means as m, feature_sds as s from need_cluster_run where id = 1) st offset 0) f;
\timing off
rollback;
\echo A
begin;
delete from need_cluster_member where run_id = 1;
\timing on
insert into need_cluster_member (run_id, customer_id, cluster_no)
select 1, f.customer_id, (select nc.cluster_no from need_cluster nc where nc.run_id = 1 order by power(coalesce((f.f_age - st.m[1]) / st.s[1], 0) - nc.centroid[1], 2) + power(coalesce((f.f_married - st.m[2]) / st.s[2], 0) - nc.centroid[2], 2) + power(coalesce((f.f_children - st.m[3]) / st.s[3], 0) - nc.centroid[3], 2) + power(coalesce((f.f_parents - st.m[4]) / st.s[4], 0) - nc.centroid[4], 2) + power(coalesce((f.f_corporate - st.m[5]) / st.s[5], 0) - nc.centroid[5], 2) + power(coalesce((f.f_accident - st.m[6]) / st.s[6], 0) - nc.centroid[6], 2) + power(coalesce((f.f_medical - st.m[7]) / st.s[7], 0) - nc.centroid[7], 2) + power(coalesce((f.f_critical_illness - st.m[8]) / st.s[8], 0) - nc.centroid[8], 2) + power(coalesce((f.f_life - st.m[9]) / st.s[9], 0) - nc.centroid[9], 2) + power(coalesce((f.f_annuity - st.m[10]) / st.s[10], 0) - nc.centroid[10], 2) + power(coalesce((f.f_education - st.m[11]) / st.s[11], 0) - nc.centroid[11], 2) + power(coalesce((f.f_long_term_care - st.m[12]) / st.s[12], 0) - nc.centroid[12], 2) + power(coalesce((f.f_home_property - st.m[13]) / st.s[13], 0) - nc.centroid[13], 2) + power(coalesce((f.f_motor - st.m[14]) / st.s[14], 0) - nc.centroid[14], 2) + power(coalesce((f.f_business - st.m[15]) / st.s[15], 0) - nc.centroid[15], 2) + power(coalesce((f.f_premium - st.m[16]) / st.s[16], 0) - nc.centroid[16], 2) + power(coalesce((f.f_claims - st.m[17]) / st.s[17], 0) - nc.centroid[17], 2), nc.cluster_no limit 1)
from need_features f cross join (select feature_means as m, feature_sds as s from need_cluster_run where id = 1) st;
\timing off
rollback;
\echo B
begin;
delete from need_cluster_member where run_id = 1;
\timing on
with c as materialized (select cluster_no, centroid from need_cluster where run_id = 1)
insert into need_cluster_member (run_id, customer_id, cluster_no)
select 1, f.customer_id, (select c.cluster_no from c order by (f.z1 - c.centroid[1]) * (f.z1 - c.centroid[1]) + (f.z2 - c.centroid[2]) * (f.z2 - c.centroid[2]) + (f.z3 - c.centroid[3]) * (f.z3 - c.centroid[3]) + (f.z4 - c.centroid[4]) * (f.z4 - c.centroid[4]) + (f.z5 - c.centroid[5]) * (f.z5 - c.centroid[5]) + (f.z6 - c.centroid[6]) * (f.z6 - c.centroid[6]) + (f.z7 - c.centroid[7]) * (f.z7 - c.centroid[7]) + (f.z8 - c.centroid[8]) * (f.z8 - c.centroid[8]) + (f.z9 - c.centroid[9]) * (f.z9 - c.centroid[9]) + (f.z10 - c.centroid[10]) * (f.z10 - c.centroid[10]) + (f.z11 - c.centroid[11]) * (f.z11 - c.centroid[11]) + (f.z12 - c.centroid[12]) * (f.z12 - c.centroid[12]) + (f.z13 - c.centroid[13]) * (f.z13 - c.centroid[13]) + (f.z14 - c.centroid[14]) * (f.z14 - c.centroid[14]) + (f.z15 - c.centroid[15]) * (f.z15 - c.centroid[15]) + (f.z16 - c.centroid[16]) * (f.z16 - c.centroid[16]) + (f.z17 - c.centroid[17]) * (f.z17 - c.centroid[17]), c.cluster_no limit 1)
from (select f.customer_id, coalesce((f.f_age - st.m[1]) / st.s[1], 0) as z1, coalesce((f.f_married - st.m[2]) / st.s[2], 0) as z2, coalesce((f.f_children - st.m[3]) / st.s[3], 0) as z3, coalesce((f.f_parents - st.m[4]) / st.s[4], 0) as z4, coalesce((f.f_corporate - st.m[5]) / st.s[5], 0) as z5, coalesce((f.f_accident - st.m[6]) / st.s[6], 0) as z6, coalesce((f.f_medical - st.m[7]) / st.s[7], 0) as z7, coalesce((f.f_critical_illness - st.m[8]) / st.s[8], 0) as z8, coalesce((f.f_life - st.m[9]) / st.s[9], 0) as z9, coalesce((f.f_annuity - st.m[10]) / st.s[10], 0) as z10, coalesce((f.f_education - st.m[11]) / st.s[11], 0) as z11, coalesce((f.f_long_term_care - st.m[12]) / st.s[12], 0) as z12, coalesce((f.f_home_property - st.m[13]) / st.s[13], 0) as z13, coalesce((f.f_motor - st.m[14]) / st.s[14], 0) as z14, coalesce((f.f_business - st.m[15]) / st.s[15], 0) as z15, coalesce((f.f_premium - st.m[16]) / st.s[16], 0) as z16, coalesce((f.f_claims - st.m[17]) / st.s[17], 0) as z17 from need_features f cross join (select feature_means as m, feature_sds as s from need_cluster_run where id = 1) st offset 0) f;
\timing off
rollback;
