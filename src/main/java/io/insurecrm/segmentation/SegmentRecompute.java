package io.insurecrm.segmentation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places customers in their segments for today, set-based: today's placement of every customer in scope goes into a
 * staging table, then — in the same transaction — current placements that changed (segment, rule set or reason) are
 * closed (valid_to = today; a placement made earlier today is replaced instead) and new ones inserted. Unchanged customers are not
 * touched, so a second run changes nothing; a failed run rolls back and leaves the previous placements intact.
 * The whole book and one customer run the same SQL ({@link SegmentSql}), only the customer filter differs.
 */
@Service
public class SegmentRecompute {

    /** pg advisory lock: a whole-book run excludes one-customer runs, which may run beside each other. */
    private static final long LOCK = 0x5E6_0001L;

    private final JdbcClient jdbc;
    private final Clock clock;

    SegmentRecompute(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a run did. */
    public record Run(int placed, int closed, int replaced, int opened, Duration took) {
    }

    @Transactional
    public Run recomputeAll() {
        return recomputeAll(LocalDate.now(clock));
    }

    @Transactional
    public Run recompute(long customerId) {
        return recompute(List.of(customerId), LocalDate.now(clock));
    }

    @Transactional
    public Run recompute(Collection<Long> customerIds) {
        return recompute(customerIds, LocalDate.now(clock));
    }

    @Transactional
    Run recomputeAll(LocalDate today) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleRow();
        return run(SegmentSql.EVERY_CUSTOMER, new Long[0], today);
    }

    @Transactional
    Run recompute(Collection<Long> customerIds, LocalDate today) {
        jdbc.sql("select pg_advisory_xact_lock_shared(:lock)").param("lock", LOCK).query().singleRow();
        return run(SegmentSql.THESE_CUSTOMERS, customerIds.toArray(Long[]::new), today);
    }

    private Run run(String filter, Long[] customerIds, LocalDate today) {
        long start = System.nanoTime();
        jdbc.sql("""
                create temp table segment_staging (customer_id bigint not null, dimension text not null,
                    segment text not null, rule_set_id bigint not null, reason text, reason_key text, reason_args jsonb)
                    on commit drop""").update();
        int placed = 0;
        for (String select : List.of(SegmentSql.value(filter, SegmentSql.ACTIVE_VALUE_RULES), SegmentSql.lifeStage(filter))) {
            placed += jdbc.sql("insert into segment_staging (customer_id, dimension, segment, rule_set_id, reason)\n" + select)
                    .param("customerIds", customerIds).param("today", today).update();
        }
        for (String select : List.of(SegmentSql.behaviour(filter), SegmentSql.risk(filter), SegmentSql.dynamic(filter))) {
            placed += jdbc.sql("insert into segment_staging (customer_id, dimension, segment, rule_set_id, reason_key, reason_args)\n"
                            + select)
                    .param("customerIds", customerIds).param("today", today).update();
        }
        if (customerIds.length == 0 && filter.equals(SegmentSql.EVERY_CUSTOMER)) {
            jdbc.sql("analyze segment_staging").update();
        }
        int replaced = jdbc.sql("""
                update segment_placement p
                   set segment = s.segment, rule_set_id = s.rule_set_id, reason = s.reason, reason_key = s.reason_key,
                       reason_args = s.reason_args
                  from segment_staging s
                 where p.customer_id = s.customer_id and p.dimension = s.dimension and p.valid_to is null
                   and p.valid_from >= :today and (p.segment, p.rule_set_id, p.reason, p.reason_key, p.reason_args)
                       is distinct from (s.segment, s.rule_set_id, s.reason, s.reason_key, s.reason_args)""").param("today", today).update();
        int closed = jdbc.sql("""
                update segment_placement p
                   set valid_to = :today
                  from segment_staging s
                 where p.customer_id = s.customer_id and p.dimension = s.dimension and p.valid_to is null
                   and p.valid_from < :today and (p.segment, p.rule_set_id, p.reason, p.reason_key, p.reason_args)
                       is distinct from (s.segment, s.rule_set_id, s.reason, s.reason_key, s.reason_args)""").param("today", today).update();
        int opened = jdbc.sql("""
                insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args, valid_from)
                select s.customer_id, s.dimension, s.segment, s.rule_set_id, s.reason, s.reason_key, s.reason_args, :today
                  from segment_staging s
                 where not exists (select 1 from segment_placement p
                                    where p.customer_id = s.customer_id and p.dimension = s.dimension and p.valid_to is null)
                on conflict (customer_id, dimension) where valid_to is null do nothing""").param("today", today).update();
        jdbc.sql("drop table segment_staging").update();
        syncRuleTags(filter, customerIds);
        return new Run(placed, closed, replaced, opened, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Keeps the rule tags of the customers in the filter in step with the tag rules: tags that no longer apply (or now
     * apply for another reason or rule version) are removed, new ones added; manual tags are never touched.
     */
    private void syncRuleTags(String filter, Long[] customerIds) {
        jdbc.sql("""
                create temp table tag_staging (customer_id bigint not null, tag_dimension text not null, tag text not null,
                    tag_rule_set_id bigint not null, reason_key text not null, reason_args jsonb not null) on commit drop""").update();
        jdbc.sql("insert into tag_staging\n" + SegmentSql.ruleTags(filter)).param("customerIds", customerIds).update();
        java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
        jdbc.sql("""
                update customer_tag t
                   set removed_at = :now, removed_by = 'rule'
                 where t.source = 'RULE' and t.removed_at is null
                   and t.customer_id in (select c.id from customer c where %s)
                   and not exists (select 1 from tag_staging s
                                    where s.customer_id = t.customer_id and s.tag_dimension = t.tag_dimension and s.tag = t.tag
                                      and s.tag_rule_set_id = t.tag_rule_set_id and s.reason_key = t.reason_key
                                      and s.reason_args = t.reason_args)""".formatted(filter))
                .param("customerIds", customerIds).param("now", now).update();
        jdbc.sql("""
                insert into customer_tag (customer_id, tag_dimension, tag, source, tag_rule_set_id, reason_key, reason_args,
                                          created_by, created_at)
                select s.customer_id, s.tag_dimension, s.tag, 'RULE', s.tag_rule_set_id, s.reason_key, s.reason_args, 'rule', :now
                  from tag_staging s
                 where not exists (select 1 from customer_tag t
                                    where t.customer_id = s.customer_id and t.tag_dimension = s.tag_dimension and t.tag = s.tag
                                      and t.source = 'RULE' and t.removed_at is null)
                on conflict (customer_id, tag_dimension, tag, source) where removed_at is null do nothing""")
                .param("now", now).update();
        jdbc.sql("drop table tag_staging").update();
    }
}
