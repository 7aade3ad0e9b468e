package io.insurecrm.metrics;

import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;

/**
 * The SQL of the analysts' stored list (docs/privacy.md section 7, "The stored list"). The rebuild is the list's own
 * definition, unchanged but for erased customers, who are left out: k-anonymity over (kind, age band, gender, region) computed over a whole consenting book before
 * any filter, then the bands; only it is computed once for every release (the whole book, and each branch for a
 * branch-scoped caller) instead of once per request, and written into a slot with the release's summary counts.
 */
final class AnalystModelSql {

    private AnalystModelSql() {
    }

    /** The partition of each slot; reads and writes name the partition so they never wait on the other one. */
    static String table(int slot) {
        return switch (slot) {
            case 0 -> "analyst_customer_0";
            case 1 -> "analyst_customer_1";
            default -> throw new IllegalArgumentException("no analyst model slot " + slot);
        };
    }

    /** The whole book's release is kept under this scope_branch; a branch's under its id. */
    static final long WHOLE_BOOK = 0L;

    private static final String GRANTED = ConsentRegistry.grantedCondition("c", ConsentPurpose.ANALYTICS);

    /**
     * One statement, one snapshot: the rows of every release into the slot's partition (%1$s) and, from what was
     * inserted, each release's summary. Parameters: today, k, salt, slot.
     */
    static final String REBUILD = """
            with population as (
                select c.id, c.kind, c.gender, c.region_code, c.branch_id, c.created_at,
                       case when c.kind = 'INDIVIDUAL' and c.birth_date is not null
                            then least(extract(year from age(cast(:today as date), c.birth_date))::int / 10 * 10, 90) end as age_from,
                       %2$s as consented
                  from customer c
                 where c.merged_into_id is null
                   -- an erased customer is anonymised in place, his consents kept as records: never listed again
                   and not exists (select 1 from customer_erasure e where e.customer_id = c.id)
            ), consenting as (
                select p.* from population p where p.consented
            ), releases as (
                select 0::bigint as scope_branch, cs.* from consenting cs
                union all
                select cs.branch_id, cs.* from consenting cs
            ), classes as (
                select r.*, count(*) over (partition by r.scope_branch, r.kind, r.age_from, r.gender, r.region_code) >= :k as exact
                  from releases r
            ), widened as (
                select cl.*, count(*) over (partition by cl.scope_branch, cl.kind, cl.age_from, cl.gender, cl.exact) as wide_size
                  from classes cl
            ), published as (
                select w.scope_branch, w.id, w.kind, w.gender, w.age_from, w.created_at,
                       case when w.exact then w.region_code end as region_code,
                       case when w.exact then w.branch_id end as branch_id
                  from widened w
                 where w.exact or w.wide_size >= :k
            ), holdings as (
                select p.holder_id,
                       count(*) filter (where p.status = 'ACTIVE') as active,
                       coalesce(sum(p.annual_premium) filter (where p.status = 'ACTIVE'), 0) as premium,
                       min(p.start_date) as first_start,
                       (array_agg(p.channel order by p.start_date, p.id))[1] as channel
                  from policy p
                  join consenting cs on cs.id = p.holder_id
                 group by p.holder_id
            ), claims as (
                select cl.customer_id, count(*) as n
                  from claim cl
                  join consenting cs on cs.id = cl.customer_id
                 group by cl.customer_id
            ), segments as (
                select sp.customer_id, array_agg(sp.dimension || ':' || sp.segment order by sp.dimension) as segments
                  from segment_placement sp
                  join consenting cs on cs.id = sp.customer_id
                 where sp.valid_to is null
                 group by sp.customer_id
            ), tags as (
                select t.customer_id, array_agg(distinct t.tag order by t.tag) as tags
                  from customer_tag t
                  join consenting cs on cs.id = t.customer_id
                 where t.removed_at is null
                 group by t.customer_id
            ), inserted as (
                insert into %1$s (slot, scope_branch, customer_id, kind, gender, age_from, region_code, branch_id, channel,
                                  active_policies, premium_band, claims_band, tenure_band, segments, tags, keyed)
                select cast(:slot as smallint), pu.scope_branch, pu.id, pu.kind, pu.gender, pu.age_from, pu.region_code::text,
                       pu.branch_id, h.channel, coalesce(h.active, 0)::int,
                       case when coalesce(h.premium, 0) = 0 then 0 when h.premium < 2000 then 1 when h.premium < 5000 then 2
                            when h.premium < 20000 then 3 when h.premium < 100000 then 4 else 5 end,
                       case when coalesce(cc.n, 0) = 0 then 0 when cc.n = 1 then 1 when cc.n <= 3 then 2 else 3 end,
                       (select case when y < 1 then 0 when y < 3 then 1 when y < 5 then 2 when y < 10 then 3 else 4 end
                          from (select extract(year from age(cast(:today as date),
                                       coalesce(h.first_start, cast(pu.created_at as date))))::int as y) t),
                       coalesce(s.segments, '{}'), coalesce(tg.tags, '{}'),
                       md5(:salt || pu.id::text)
                  from published pu
                  left join holdings h on h.holder_id = pu.id
                  left join claims cc on cc.customer_id = pu.id
                  left join segments s on s.customer_id = pu.id
                  left join tags tg on tg.customer_id = pu.id
                returning scope_branch, region_code
            ), published_counts as (
                select scope_branch, count(*) as published, count(*) filter (where region_code is null) as generalised
                  from inserted
                 group by scope_branch
            ), population_counts as (
                select 0::bigint as scope_branch, count(*) as in_scope, count(*) filter (where not consented) as without_consent,
                       count(*) filter (where consented) as consenting
                  from population
                union all
                select branch_id, count(*), count(*) filter (where not consented), count(*) filter (where consented)
                  from population
                 group by branch_id
            ), active_by_branch as (
                select c.branch_id, count(*) as holders, sum(h.n) as contracts
                  from (select p.holder_id, count(*) as n from policy p where p.status = 'ACTIVE' group by p.holder_id) h
                  join customer c on c.id = h.holder_id
                 group by c.branch_id
            ), active_counts as (
                select 0::bigint as scope_branch, coalesce(sum(holders), 0) as holders, coalesce(sum(contracts), 0) as contracts
                  from active_by_branch
                union all
                select branch_id, holders, contracts from active_by_branch
            )
            insert into analyst_customer_summary (slot, scope_branch, in_scope, without_consent, published, generalised,
                                                  suppressed, active_contracts, active_holders)
            select cast(:slot as smallint), pc.scope_branch, pc.in_scope, pc.without_consent, coalesce(pb.published, 0),
                   coalesce(pb.generalised, 0), pc.consenting - coalesce(pb.published, 0), coalesce(ac.contracts, 0),
                   coalesce(ac.holders, 0)
              from population_counts pc
              left join published_counts pb on pb.scope_branch = pc.scope_branch
              left join active_counts ac on ac.scope_branch = pc.scope_branch
            """;

    /** The rebuild of a slot's partition (%1$s), with the consent condition written in. */
    static String rebuild(int slot) {
        return REBUILD.formatted(table(slot), GRANTED);
    }

    /**
     * Before the switch, under the model row's lock: customers taken out since the rebuild began (a withdrawal, an
     * erasure) whose rows the rebuild's snapshot still had, checked against the consent and the erasures now; their
     * releases' counts adjusted as {@link AnalystModel} does for a removal. Parameters: since, slot.
     */
    static String removedSince(int slot) {
        return """
                with gone as (
                    delete from %1$s a
                     using customer c
                     where a.customer_id = c.id
                       and a.customer_id in (select r.customer_id from analyst_customer_removal r where r.removed_at >= :since)
                       and (not %2$s or c.merged_into_id is not null
                            or exists (select 1 from customer_erasure e where e.customer_id = c.id))
                    returning a.scope_branch, a.region_code,
                              (c.merged_into_id is not null
                               or exists (select 1 from customer_erasure e where e.customer_id = a.customer_id)) as out_of_scope
                ), per_release as (
                    select scope_branch, count(*) as n, count(*) filter (where region_code is null) as generalised,
                           count(*) filter (where out_of_scope) as out_of_scope
                      from gone group by scope_branch
                )
                update analyst_customer_summary s
                   set published = s.published - g.n, generalised = s.generalised - g.generalised,
                       without_consent = s.without_consent + g.n - g.out_of_scope, in_scope = s.in_scope - g.out_of_scope
                  from per_release g
                 where s.slot = :slot and s.scope_branch = g.scope_branch
                """.formatted(table(slot), GRANTED);
    }
}
