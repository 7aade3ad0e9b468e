package io.insurecrm.segmentation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of a need-cluster run. The feature table is built set-based over the book (every customer not merged
 * into another, with whether his latest ANALYTICS consent is a grant: only those customers are learnt from) in one
 * statement; the assignment of every customer to the nearest centroid is one INSERT … SELECT.
 * Column names come from {@link NeedFeature}, never from caller input.
 */
final class NeedClusterSql {

    private NeedClusterSql() {
    }

    static final List<NeedFeature> FEATURES = List.of(NeedFeature.values());

    /**
     * One row per customer: a column per feature ({@link NeedFeature#column()}), the annual premium in CNY and the
     * active contracts he holds (for 客均合同). Cover = holds or is insured by an active policy of the line.
     * Children and parents as for LIFE_STAGE: CHILD / PARENT members of the household he heads or co-heads.
     * Parameter {@code :today}.
     */
    static final String FEATURES_TABLE = """
            create temporary table need_features on commit drop as
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
                      where reported_on > cast(:today as date) - interval '3 years' and reported_on <= cast(:today as date)
                      group by customer_id)
            select c.id as customer_id,
                   case when c.kind = 'INDIVIDUAL' and c.birth_date is not null
                        then extract(year from age(cast(:today as date), c.birth_date))::float8 end as f_age,
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
            """;

    /**
     * Mean and population standard deviation of every feature (nulls left out), in feature order, over the customers
     * the model may learn from (latest ANALYTICS consent a grant); {@code n} = those customers, {@code book} = all.
     */
    static String stats() {
        return "select " + FEATURES.stream()
                .map(f -> "avg(" + f.column() + ") filter (where analytics) as m_" + f.ordinal()
                        + ", stddev_pop(" + f.column() + ") filter (where analytics) as s_" + f.ordinal())
                .collect(Collectors.joining(", ")) + ", count(*) filter (where analytics) as n, count(*) as book from need_features";
    }

    /** The feature z-score of customer alias f against the run's stats (alias st: arrays m, s); a missing value is 0. */
    private static String z(NeedFeature feature) {
        int i = feature.ordinal() + 1;
        return "coalesce((f." + feature.column() + " - st.m[" + i + "]) / st.s[" + i + "], 0)";
    }

    /**
     * The fitting sample: at most :sample customers with analytics consent in a fixed pseudo-random order (a hash of
     * the id seeded with the run's seed, so the same book and seed give the same sample), standardised.
     */
    static String sample() {
        return "select f.customer_id, " + FEATURES.stream().map(f -> z(f) + " as z_" + f.ordinal()).collect(Collectors.joining(", "))
                + """

                  from need_features f
                 cross join (select cast(:means as float8[]) as m, cast(:sds as float8[]) as s) st
                 where f.analytics
                 order by hashtextextended(f.customer_id::text, :seed), f.customer_id
                 limit :sample""";
    }

    /**
     * Every customer of the feature table to the nearest centroid of run :run (Euclidean, ties to the lower number).
     * Each customer's z-scores are computed once (the subquery's {@code offset 0} keeps the planner from copying them
     * into the distance to every centroid) and compared with the run's centroids read once into a materialised list
     * (not looked up again per customer): about a quarter less time on the 1M book than the first form
     * (docs/benchmarks.md, "Need clusters on the 1M book").
     */
    static String assign() {
        String distance = FEATURES.stream()
                .map(f -> "(f.z_" + f.ordinal() + " - c.centroid[" + (f.ordinal() + 1) + "]) * (f.z_" + f.ordinal()
                        + " - c.centroid[" + (f.ordinal() + 1) + "])")
                .collect(Collectors.joining(" + "));
        String zScores = FEATURES.stream().map(f -> z(f) + " as z_" + f.ordinal()).collect(Collectors.joining(", "));
        return """
                with c as materialized (select cluster_no, centroid from need_cluster where run_id = :run)
                insert into need_cluster_member (run_id, customer_id, cluster_no)
                select :run, f.customer_id, (select c.cluster_no from c order by %s, c.cluster_no limit 1)
                  from (select f.customer_id, %s
                          from need_features f
                         cross join (select cast(:means as float8[]) as m, cast(:sds as float8[]) as s) st
                        offset 0) f""".formatted(distance, zScores);
    }

    /** Per cluster of run :run: members, holders, contracts and the mean of each feature's display value. */
    static String profiles() {
        return "select m.cluster_no, count(*) as customers, count(*) filter (where f.contracts > 0) as holders, "
                + "coalesce(sum(f.contracts), 0) as contracts, "
                + FEATURES.stream().map(f -> "avg(f." + f.display() + ") as d_" + f.ordinal() + ", avg(f." + f.column()
                        + ") as v_" + f.ordinal()).collect(Collectors.joining(", "))
                + """

                  from need_cluster_member m
                  join need_features f on f.customer_id = m.customer_id
                 where m.run_id = :run
                 group by m.cluster_no
                 order by m.cluster_no""";
    }
}
