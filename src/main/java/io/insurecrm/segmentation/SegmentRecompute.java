package io.insurecrm.segmentation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places customers in their segments for today, set-based: today's placement of every customer in scope goes into a
 * staging table, then — in the same transaction — current placements that changed (segment, rule set or reason) are
 * closed (valid_to = today; a placement made earlier today is replaced instead) and new ones inserted. Unchanged customers are not
 * touched, so a second run changes nothing; a failed run rolls back and leaves the previous placements intact.
 * The whole book, the nightly run and one customer run the same SQL ({@link SegmentSql}), only the customer filter differs.
 * <p>
 * The nightly run ({@link #nightly()}) is incremental: it recomputes only the customers marked in segment_dirty by a
 * write to one of their inputs (database triggers, V44) and those whose segment_recheck.due — the first day on which
 * time alone may change one of their placements, stored by every recompute — has come, each only in the dimensions
 * his marks name (V117, V118) or that fall due (V87). It recomputes the whole book
 * instead when no whole-book run has been recorded yet, the active rule sets differ from the last run's, the day is
 * earlier than the last run's, or the customers to recompute are a large share of the book.
 */
@Service
public class SegmentRecompute {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SegmentRecompute.class);

    /** pg advisory lock: a whole-book run excludes one-customer runs, which may run beside each other. */
    private static final long LOCK = 0x5E6_0001L;

    private final JdbcClient jdbc;
    private final Clock clock;

    SegmentRecompute(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Above this share of the book (and {@link #FULL_RUN_MIN} customers) in scope, the nightly run recomputes the whole
     * book: cheaper than by id (after a bulk import, say).
     */
    static final double FULL_RUN_SHARE = 0.25;
    static final int FULL_RUN_MIN = 10_000;

    /**
     * What a run did: rows placed (staged), placements closed, replaced (same day) and opened, the customers it
     * recomputed (the whole book for a full run) and whether it was a full run.
     */
    public record Run(int placed, int closed, int replaced, int opened, Duration took, int customers, boolean full) {
    }

    /** The whole book, whatever changed: after a rule change, on the first start, or when asked for. */
    @Transactional
    public Run recomputeAll() {
        return recomputeAll(LocalDate.now(clock));
    }

    /** The steps of a run, in order, as {@link #recomputeAll(Consumer)} reports them. */
    public static final List<String> STEPS = List.of("VALUE", "LIFE_STAGE", "BEHAVIOUR", "RISK", "DYNAMIC", "diff", "write",
            "recheck", "tags");

    /** The whole book, telling {@code onStep} the name of each step (see {@link #STEPS}) as it starts. */
    @Transactional
    public Run recomputeAll(Consumer<String> onStep) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleRow();
        return full(LocalDate.now(clock), onStep);
    }

    /** The nightly run: the customers whose inputs were written or whose placements fall due today (see above). */
    @Transactional
    public Run nightly() {
        return nightly(LocalDate.now(clock));
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
        return full(today, step -> { });
    }

    @Transactional
    Run nightly(LocalDate today) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleRow();
        String ruleSets = activeRuleSets();
        boolean incremental = jdbc.sql("select day <= :today and rule_sets = :ruleSets from segment_batch")
                .param("today", today).param("ruleSets", ruleSets).query(Boolean.class).optional().orElse(false);
        if (!incremental) {
            return full(today, step -> { });
        }
        long start = System.nanoTime();
        // marks committed before this statement are consumed; their changes are visible to the statements after it. A
        // marked customer is recomputed in the dimensions his marks name (V117, V118; null: every one) — written when a
        // mark says the lines he holds, which rule tags read, may have changed (LINES, or null); one due by time alone
        // only in the dimensions due (each dimension's until, V87: the others cannot change without a write)
        jdbc.sql("""
                create temp table segment_scope (customer_id bigint primary key, %s, written boolean not null,
                                                 tags boolean not null default false) on commit drop"""
                .formatted(eachDimension(d -> scopeColumn(d) + " boolean not null", ", "))).update();
        int customers = jdbc.sql("""
                with marked as (delete from segment_dirty returning customer_id, dimensions)
                insert into segment_scope (customer_id, %1$s, written)
                select customer_id, %2$s, bool_or(written)
                  from (select customer_id, %3$s, (dimensions is null or 'LINES' = any(dimensions)) as written from marked
                        union all
                        select customer_id, %4$s, false from segment_recheck where due <= :today) s
                 group by customer_id""".formatted(
                        eachDimension(SegmentRecompute::scopeColumn, ", "),
                        eachDimension(d -> "bool_or(" + scopeColumn(d) + ")", ", "),
                        eachDimension(d -> "(dimensions is null or '%s' = any(dimensions)) as %s".formatted(d.name(), scopeColumn(d)), ", "),
                        eachDimension(d -> "coalesce(" + untilColumn(d) + " <= :today, false)", ", ")))
                .param("today", today).update();
        // the planner's estimate of the book's size; counted when the table has never been analysed
        double book = jdbc.sql("""
                select case when reltuples > 0 then reltuples else (select count(*) from customer) end
                  from pg_class where oid = 'customer'::regclass""").query(Double.class).single();
        Run run;
        if (customers > FULL_RUN_MIN && customers > FULL_RUN_SHARE * book) {
            run = run(SegmentSql.EVERY_CUSTOMER, new Long[0], today, step -> { });
        } else {
            jdbc.sql("analyze segment_scope").update();
            run = run(SegmentSql.SCOPED_CUSTOMERS, new Long[0], today, step -> { });
        }
        jdbc.sql("drop table segment_scope").update();
        recordBatch(today, ruleSets, run.full());
        return new Run(run.placed(), run.closed(), run.replaced(), run.opened(), Duration.ofNanos(System.nanoTime() - start),
                run.full() ? run.customers() : customers, run.full());
    }

    /**
     * One chunk of a whole-book run ({@link SegmentBookRuns}): the customers with afterId &lt; id &le; uptoId placed for
     * {@code today} in the caller's transaction, which the caller commits together with its checkpoint. It consumes the
     * dirty marks of these customers only: a mark consumed by a committed chunk is covered by its placements, a chunk
     * that fails rolls its marks back with its placements, and marks of the other customers stay for their chunk or the
     * nightly run.
     */
    Run chunk(long afterId, long uptoId, LocalDate today, Consumer<String> onStep) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleRow();
        jdbc.sql("delete from segment_dirty where customer_id > :afterId and customer_id <= :uptoId")
                .param("afterId", afterId).param("uptoId", uptoId).update();
        return run(SegmentSql.CUSTOMER_RANGE, new Long[0], afterId, uptoId, today, onStep);
    }

    /** The steps of a rule-change run of one dimension (null: of the tag rules, which re-places nothing), in order. */
    static List<String> ruleChangeSteps(Dimension dimension) {
        return dimension == null ? List.of("tags") : List.of(dimension.name(), "diff", "write", "recheck", "tags");
    }

    /**
     * Whether a rule change of {@code dimension} (null: the tag rules) can be recomputed by itself under {@code ruleSets}
     * (the active rule sets now): the last recorded run placed the book for today or an earlier day with these very rule
     * sets but for this dimension's (or the tag rules'). Otherwise — no run yet, a day ahead, or another dimension's rules
     * changed too — the whole book is due.
     */
    boolean ruleChangeRunnable(Dimension dimension, LocalDate today, String ruleSets) {
        return jdbc.sql("select day <= :today, rule_sets from segment_batch").param("today", today)
                .query((rs, row) -> rs.getBoolean(1) && without(rs.getString(2), dimension).equals(without(ruleSets, dimension)))
                .optional().orElse(false);
    }

    /** Rule sets as {@link #activeRuleSets()} writes them without the dimension's entry (null: without the tag rules). */
    static String without(String ruleSets, Dimension dimension) {
        int tags = ruleSets.indexOf(";TAGS:");
        String dimensions = tags < 0 ? ruleSets : ruleSets.substring(0, tags);
        if (dimension == null) {
            return dimensions;
        }
        return java.util.Arrays.stream(dimensions.split(",")).filter(entry -> !entry.startsWith(dimension.name() + ":"))
                .collect(java.util.stream.Collectors.joining(",")) + (tags < 0 ? "" : ruleSets.substring(tags));
    }

    /**
     * After a rule change of {@code dimension}, in the caller's transaction: that dimension re-placed for the whole book
     * (staged set-based, compared with its current placements only, the changed rows written as any run writes them),
     * its due days (segment_recheck: its own column, and due the least of the five), and the rule tags that rules
     * reading it make (re-derived from its new placements; the other rule tags and the manual ones are not touched).
     * With {@code dimension} null (a tag-rule change) only the rule tags, all of them, from the current placements. The
     * other dimensions' placements and the dirty marks are left as they are; {@code ruleSets} (the active rule sets the
     * caller checked with {@link #ruleChangeRunnable}) is recorded as the last run's, so the nightly run stays incremental.
     */
    Run ruleChange(Dimension dimension, LocalDate today, String ruleSets, Consumer<String> onStep) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleRow();
        long start = System.nanoTime();
        jdbc.sql("set local jit = off; set local work_mem = '64MB'").update();
        workTables();
        Steps steps = new Steps(onStep);
        int placed = 0;
        int[] written = {0, 0, 0};
        if (dimension != null) {
            placed = stage(dimension, SegmentSql.EVERY_CUSTOMER, today, java.util.Map.of(), steps);
            jdbc.sql("analyze segment_staging").update();
            written = diffAndWrite(today, true, steps, dimension);
            String own = untilColumn(dimension);
            String others = java.util.Arrays.stream(Dimension.values()).filter(d -> d != dimension).map(d -> "r." + untilColumn(d))
                    .collect(java.util.stream.Collectors.joining(", "));
            // an update joined to the staged days (hashed), then the customers without a row: offering every staged
            // customer to insert … on conflict probed the key once per customer (9 s at 1M, nothing changed; 1–2 s so)
            // — least ignores nulls, as min does
            steps.timed("recheck", () -> jdbc.sql("""
                    update segment_recheck r
                       set %1$s = s.until, due = least(s.until, %2$s)
                      from (select customer_id, min(until) as until from segment_staging group by customer_id) s
                     where r.customer_id = s.customer_id
                       and (r.%1$s, r.due) is distinct from (s.until, least(s.until, %2$s))""".formatted(own, others)).update()
                    + jdbc.sql("""
                    insert into segment_recheck (customer_id, %1$s, due)
                    select s.customer_id, min(s.until), min(s.until)
                      from segment_staging s
                     where not exists (select 1 from segment_recheck r where r.customer_id = s.customer_id)
                     group by s.customer_id
                    on conflict (customer_id) do nothing""".formatted(own)).update());
        }
        steps.timed("tags", () -> {
            ruleTagsAfterChange(dimension);
            return 0;
        });
        done("segment_change", true);
        done("segment_staging", true);
        recordBatch(today, ruleSets, false);
        log.info("Rule change of {}: re-placed in {} ms: {}", dimension == null ? "the tag rules" : dimension,
                (System.nanoTime() - start) / 1_000_000, steps);
        return new Run(placed, written[0], written[1], written[2], Duration.ofNanos(System.nanoTime() - start), placed, false);
    }

    /** segment_recheck's column of a dimension's until (V87). */
    private static String untilColumn(Dimension dimension) {
        return scopeColumn(dimension) + "_until";
    }

    /** The nightly run's segment_scope column telling whether a customer is recomputed in the dimension. */
    static String scopeColumn(Dimension dimension) {
        return dimension.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** An SQL fragment for each dimension, joined: the dimensions are enum constants, never caller input. */
    private static String eachDimension(java.util.function.Function<Dimension, String> fragment, String delimiter) {
        return java.util.Arrays.stream(Dimension.values()).map(fragment).collect(java.util.stream.Collectors.joining(delimiter));
    }

    /** The rule tags a rule change of {@code dimension} (null: of the tag rules) may change, in step again. */
    private void ruleTagsAfterChange(Dimension dimension) {
        if (dimension == null) {
            writeRuleTags(SegmentSql.ruleTags(SegmentSql.CURRENT_PLACEMENTS, SegmentSql.ACTIVE_TAG_RULES,
                    SegmentSql.EVERY_TAGGED_CUSTOMER), true, true, "true", java.util.Map.of());
            return;
        }
        // another dimension's rule may make one of the same tags: its current placements are tagged too (none, usually)
        List<Dimension> others = jdbc.sql(SegmentSql.DIMENSIONS_OF_TAG_RULES).param("dimension", dimension.name())
                .query(String.class).list().stream()
                .flatMap(name -> java.util.Arrays.stream(Dimension.values()).filter(d -> d.name().equals(name)))
                .filter(d -> d != dimension).toList();
        // the lines held are read only when a rule lacks lines (then for the whole book, as the whole-book run does:
        // cheaper than finding the tagged customers first — 30 s instead of ~20 for the LIFE_STAGE rules at 1M)
        boolean lacks = jdbc.sql(SegmentSql.TAG_RULES_OF_DIMENSION_LACK_LINES).param("dimension", dimension.name())
                .query(Boolean.class).single();
        writeRuleTags(SegmentSql.ruleTags(SegmentSql.runPlacementsWith(others), SegmentSql.ACTIVE_TAG_RULES_OF_DIMENSION,
                        lacks ? SegmentSql.EVERY_TAGGED_CUSTOMER : SegmentSql.NO_TAGGED_CUSTOMER), true, true,
                "(t.tag_dimension, t.tag) in (" + SegmentSql.TAGS_OF_DIMENSION + ")", java.util.Map.of("dimension", dimension.name()));
    }

    /**
     * Whether the nightly run of {@code today} would have to recompute the whole book: no whole-book run recorded yet, other
     * active rule sets than the last run's, or a day earlier than the last run's.
     */
    boolean wholeBookDue(LocalDate today) {
        return !jdbc.sql("select day <= :today and rule_sets = :ruleSets from segment_batch")
                .param("today", today).param("ruleSets", activeRuleSets()).query(Boolean.class).optional().orElse(false);
    }

    private Run full(LocalDate today, Consumer<String> onStep) {
        long start = System.nanoTime();
        String ruleSets = activeRuleSets();
        // every mark committed so far is covered by this run: its statements see the writes they stand for
        jdbc.sql("delete from segment_dirty").update();
        Run run = run(SegmentSql.EVERY_CUSTOMER, new Long[0], today, onStep);
        analyseWritten();
        recordBatch(today, ruleSets, true);
        return new Run(run.placed(), run.closed(), run.replaced(), run.opened(), Duration.ofNanos(System.nanoTime() - start),
                run.customers(), true);
    }

    /** The active rule sets of every dimension and the active tag rules: a run made with others is out of date. */
    String activeRuleSets() {
        return jdbc.sql("""
                select coalesce((select string_agg(dimension || ':' || id, ',' order by dimension) from segment_rule_set where active), '')
                       || ';TAGS:' || coalesce((select string_agg(id::text, ',') from tag_rule_set where active), '')""")
                .query(String.class).single();
    }

    /**
     * Statistics of the tables a whole-book run rewrote: after the first placement of a book the planner still took them
     * for empty, and every one-customer run (generic plans) took ~1.8 s instead of ~5 ms on the 1M book until autovacuum
     * got to them (docs/benchmarks.md, "one customer re-segmented after the tag-step rewrite"). A few seconds at 1M.
     */
    void analyseWritten() {
        jdbc.sql("analyze segment_placement, segment_recheck, customer_tag").update();
    }

    void recordBatch(LocalDate today, String ruleSets, boolean full) {
        jdbc.sql("""
                insert into segment_batch (id, day, rule_sets, full_run, finished_at) values (true, :today, :ruleSets, :full, :now)
                on conflict (id) do update set day = excluded.day, rule_sets = excluded.rule_sets, full_run = excluded.full_run,
                                               finished_at = excluded.finished_at""")
                .param("today", today).param("ruleSets", ruleSets).param("full", full)
                .param("now", java.sql.Timestamp.from(clock.instant())).update();
    }

    @Transactional
    Run recompute(Collection<Long> customerIds, LocalDate today) {
        jdbc.sql("select pg_advisory_xact_lock_shared(:lock)").param("lock", LOCK).query().singleRow();
        return run(SegmentSql.THESE_CUSTOMERS, customerIds.toArray(Long[]::new), today, step -> { });
    }

    private Run run(String filter, Long[] customerIds, LocalDate today, Consumer<String> onStep) {
        return run(filter, customerIds, 0, 0, today, onStep);
    }

    private Run run(String filter, Long[] customerIds, long afterId, long uptoId, LocalDate today, Consumer<String> onStep) {
        long start = System.nanoTime();
        boolean range = filter.equals(SegmentSql.CUSTOMER_RANGE);
        boolean batch = !filter.equals(SegmentSql.THESE_CUSTOMERS);
        if (batch) {
            // JIT compiles for longer than these statements run; a batch sorts and hashes more than the default 4 MB
            jdbc.sql("set local jit = off; set local work_mem = '64MB'").update();
        } else {
            // for a few customers, planning these statements costs more than running them: each is planned once per
            // connection (lookups by the customer ids, whatever they are) and that plan used from then on
            jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
            // nor JIT: the rule-tag statement's jsonb functions are costed at a hundred rows each, which puts it over
            // jit_above_cost; compiling took ~250 ms for a statement that runs in 2 ms (measured on the 1M book)
            jdbc.sql("set local jit = off").update();
        }
        if (filter.equals(SegmentSql.SCOPED_CUSTOMERS)) {
            // the book is read from memory, not disk: probing a few thousand customers by index beats scanning it
            jdbc.sql("set local random_page_cost = 1.1").update();
        }
        if (range) {
            // each chunk plans for its own range (the statements are prepared again per chunk anyway: the work tables
            // are dropped after a batch), never a generic plan that cannot see how many customers the range holds
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        }
        workTables();
        int placed = 0;
        Steps steps = new Steps(onStep);
        java.util.Map<String, Object> params = new java.util.HashMap<>(rangeParams(range, afterId, uptoId));
        params.put("customerIds", customerIds);
        boolean scoped = filter.equals(SegmentSql.SCOPED_CUSTOMERS);
        for (Dimension dimension : Dimension.values()) {
            placed += stage(dimension, scoped ? SegmentSql.scopedCustomers(dimension) : filter, today, params, steps);
        }
        if (batch) {
            jdbc.sql("analyze segment_staging").update();
        }
        int[] written = diffAndWrite(today, batch, steps);
        // the first day on which time alone may change one of his placements (null: only a write can), and per dimension
        steps.timed("recheck", () -> batch ? recheckBatch(scoped) : jdbc.sql("""
                insert into segment_recheck (customer_id, value_until, life_stage_until, behaviour_until, risk_until,
                                             dynamic_until, due)
                select customer_id, %s
                  from segment_staging group by customer_id
                on conflict (customer_id) do update
                   set value_until = excluded.value_until, life_stage_until = excluded.life_stage_until,
                       behaviour_until = excluded.behaviour_until, risk_until = excluded.risk_until,
                       dynamic_until = excluded.dynamic_until, due = excluded.due
                 where (segment_recheck.value_until, segment_recheck.life_stage_until, segment_recheck.behaviour_until,
                        segment_recheck.risk_until, segment_recheck.dynamic_until, segment_recheck.due)
                       is distinct from (excluded.value_until, excluded.life_stage_until, excluded.behaviour_until,
                                         excluded.risk_until, excluded.dynamic_until, excluded.due)""".formatted(STAGED_UNTILS))
                .update());
        steps.timed("tags", () -> {
            if (scoped) {
                syncScopedRuleTags();
            } else {
                syncRuleTags(filter, params);
            }
            return 0;
        });
        done("segment_change", batch);
        done("segment_staging", batch);
        if (batch) {
            log.info("Segments recomputed: {} placements staged in {} ms: {}", placed, (System.nanoTime() - start) / 1_000_000,
                    steps);
        } else {
            log.debug("Segments recomputed for {}: {}", List.of(customerIds), steps);
        }
        return new Run(placed, written[0], written[1], written[2], Duration.ofNanos(System.nanoTime() - start),
                placed / Dimension.values().length, filter.equals(SegmentSql.EVERY_CUSTOMER));
    }

    /** The due days of a customer's staged placements: per dimension (V87) and the least of them. */
    private static final String STAGED_UNTILS = """
            min(until) filter (where dimension = 'VALUE') as value_until,
                       min(until) filter (where dimension = 'LIFE_STAGE') as life_stage_until,
                       min(until) filter (where dimension = 'BEHAVIOUR') as behaviour_until,
                       min(until) filter (where dimension = 'RISK') as risk_until,
                       min(until) filter (where dimension = 'DYNAMIC') as dynamic_until, min(until) as due""";

    /**
     * The due days of a batch's staged customers: an update joined to them (hashed), then the customers without a row —
     * as the rule-change run does; offering each of a million staged customers to insert … on conflict probes the key
     * once per customer (docs/benchmarks.md, the recheck step). {@code partial}: the nightly run, which stages a customer
     * due by time alone in his due dimensions only; the others keep their until.
     */
    private int recheckBatch(boolean partial) {
        String untils = "select customer_id, %s from segment_staging group by customer_id".formatted(STAGED_UNTILS);
        if (partial) {
            untils = """
                    select u.*, least(%1$s) as due
                      from (select s.customer_id, %2$s
                              from (select customer_id, %3$s, %4$s from segment_staging group by customer_id) s
                              left join segment_recheck r on r.customer_id = s.customer_id) u""".formatted(
                    eachDimension(d -> "u." + untilColumn(d), ", "),
                    eachDimension(d -> "case when s.%1$s_staged then s.%2$s else r.%2$s end as %2$s"
                            .formatted(scopeColumn(d), untilColumn(d)), ", "),
                    STAGED_UNTILS,
                    eachDimension(d -> "bool_or(dimension = '%s') as %s_staged".formatted(d.name(), scopeColumn(d)), ", "));
        }
        jdbc.sql("create temp table segment_untils on commit drop as " + untils).update();
        jdbc.sql("analyze segment_untils").update();
        int updated = jdbc.sql("""
                update segment_recheck r
                   set value_until = s.value_until, life_stage_until = s.life_stage_until, behaviour_until = s.behaviour_until,
                       risk_until = s.risk_until, dynamic_until = s.dynamic_until, due = s.due
                  from segment_untils s
                 where r.customer_id = s.customer_id
                   and (r.value_until, r.life_stage_until, r.behaviour_until, r.risk_until, r.dynamic_until, r.due)
                       is distinct from (s.value_until, s.life_stage_until, s.behaviour_until, s.risk_until, s.dynamic_until, s.due)""")
                .update();
        int inserted = jdbc.sql("""
                insert into segment_recheck (customer_id, value_until, life_stage_until, behaviour_until, risk_until,
                                             dynamic_until, due)
                select s.customer_id, s.value_until, s.life_stage_until, s.behaviour_until, s.risk_until, s.dynamic_until, s.due
                  from segment_untils s
                 where not exists (select 1 from segment_recheck r where r.customer_id = s.customer_id)
                on conflict (customer_id) do nothing""").update();
        jdbc.sql("drop table segment_untils").update();
        return updated + inserted;
    }

    /** Today's placements of one dimension for the customers of the filter, into segment_staging. */
    private int stage(Dimension dimension, String filter, LocalDate today, java.util.Map<String, Object> params, Steps steps) {
        String select = SegmentSql.of(dimension, filter, SegmentSql.activeRules(dimension));
        return steps.timed(dimension.name(), () -> jdbc.sql(
                        "insert into segment_staging (customer_id, dimension, segment, rule_set_id, reason_key, reason_args, until)\n"
                        + select)
                .param("today", today).params(params).update());
    }

    /**
     * The staged placements that differ from the current ones (segment, rule set or reason) are written: the current one
     * closed (valid_to = today) and the new one opened, or — placed earlier today — replaced. Returns {closed, replaced,
     * opened}. The current placements compared are those of the staged (customer, dimension) pairs only. The changes
     * stay in segment_change (with the segment each replaces) for the caller, who empties it.
     */
    private int[] diffAndWrite(LocalDate today, boolean batch, Steps steps) {
        return diffAndWrite(today, batch, steps, null);
    }

    /**
     * {@link #diffAndWrite(LocalDate, boolean, Steps)} for a staging table that holds {@code dimension} only (null: any):
     * then only its current placements are read (an index scan of a fifth of them instead of every placement, history
     * included: 1.6 s instead of 5.0 at 1M).
     */
    private int[] diffAndWrite(LocalDate today, boolean batch, Steps steps, Dimension dimension) {
        // what changed, read once before anything is written (a statement that inserts into segment_placement and
        // reads it too may rescan the pages it is adding, row after row)
        steps.timed("diff", () -> jdbc.sql("""
                insert into segment_change
                select s.customer_id, s.dimension, s.segment, s.rule_set_id, s.reason, s.reason_key, s.reason_args,
                       p.id as current_id, p.valid_from as current_from, p.segment as current_segment
                  from segment_staging s
                  left join segment_placement p on p.customer_id = s.customer_id and p.dimension = s.dimension and p.valid_to is null%s
                 where p.id is null or (p.segment, p.rule_set_id, p.reason, p.reason_key, p.reason_args)
                       is distinct from (s.segment, s.rule_set_id, s.reason, s.reason_key, s.reason_args)"""
                .formatted(dimension == null ? "" : "\n                       and p.dimension = :dimension"))
                .params(dimension == null ? java.util.Map.of() : java.util.Map.of("dimension", dimension.name())).update());
        if (batch) {
            jdbc.sql("analyze segment_change").update();
        }
        steps.start("write");
        int replaced = jdbc.sql("""
                update segment_placement p
                   set segment = c.segment, rule_set_id = c.rule_set_id, reason = c.reason, reason_key = c.reason_key,
                       reason_args = c.reason_args
                  from segment_change c
                 where p.id = c.current_id and p.valid_to is null and c.current_from >= :today""").param("today", today).update();
        int closed = jdbc.sql("""
                update segment_placement p
                   set valid_to = :today
                  from segment_change c
                 where p.id = c.current_id and p.valid_to is null and c.current_from < :today""").param("today", today).update();
        int opened = jdbc.sql("""
                insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args, valid_from)
                select c.customer_id, c.dimension, c.segment, c.rule_set_id, c.reason, c.reason_key, c.reason_args, :today
                  from segment_change c
                 where c.current_id is null or c.current_from < :today
                on conflict (customer_id, dimension) where valid_to is null do nothing""").param("today", today).update();
        return new int[] {closed, replaced, opened};
    }

    /**
     * Work tables live as long as the connection and are emptied after a one-customer run, so the statements that use
     * them keep their prepared plans; a batch drops them. They are created only when missing: any DDL, even a CREATE …
     * IF NOT EXISTS that does nothing, makes the JDBC driver prepare (and the server plan) every statement again, which
     * costs more than running them for one customer.
     */
    private void workTables() {
        boolean present = jdbc.sql("""
                select to_regclass('pg_temp.segment_staging') is not null and to_regclass('pg_temp.segment_change') is not null
                       and to_regclass('pg_temp.tag_staging') is not null""").query(Boolean.class).single();
        if (!present) {
            jdbc.sql("""
                    create temp table if not exists segment_staging (customer_id bigint not null, dimension text not null,
                        segment text not null, rule_set_id bigint not null, reason text, reason_key text, reason_args jsonb,
                        until date);
                    create temp table if not exists segment_change (customer_id bigint, dimension text, segment text,
                        rule_set_id bigint, reason text, reason_key text, reason_args jsonb, current_id bigint, current_from date,
                        current_segment text);
                    create temp table if not exists tag_staging (customer_id bigint not null, tag_dimension text not null,
                        tag text not null, tag_rule_set_id bigint not null, reason_key text not null, reason_args jsonb not null)""")
                    .update();
        }
    }

    /** The steps of a run: each reported as it starts (an on-demand run shows it) and timed for the log. */
    private static final class Steps {

        private final Consumer<String> onStep;
        private final StringBuilder timings = new StringBuilder();
        private String current;
        private long started;

        Steps(Consumer<String> onStep) {
            this.onStep = onStep;
        }

        void start(String step) {
            end();
            current = step;
            started = System.nanoTime();
            onStep.accept(step);
        }

        int timed(String step, java.util.function.IntSupplier work) {
            start(step);
            int rows = work.getAsInt();
            end();
            return rows;
        }

        private void end() {
            if (current != null) {
                timings.append(current).append(' ').append((System.nanoTime() - started) / 1_000_000).append(" ms, ");
                current = null;
            }
        }

        @Override
        public String toString() {
            end();
            return timings.toString();
        }
    }

    /** The bounds of a chunk for its statements; nothing for the other filters (their texts name no such parameter). */
    private static java.util.Map<String, Object> rangeParams(boolean range, long afterId, long uptoId) {
        return range ? java.util.Map.of("afterId", afterId, "uptoId", uptoId) : java.util.Map.of();
    }

    /** Empties a work table after a one-customer run, drops it after a batch (see {@link #run}). */
    private void done(String workTable, boolean batch) {
        jdbc.sql((batch ? "drop table " : "delete from ") + workTable).update();
    }

    /**
     * Keeps the rule tags of the customers in the filter in step with the tag rules and the placements the run staged
     * (and has written): tags that no longer apply (or now apply for another reason or rule version) are removed, new
     * ones added; manual tags are never touched.
     */
    private void syncRuleTags(String filter, java.util.Map<String, Object> params) {
        boolean wholeBook = filter.equals(SegmentSql.EVERY_CUSTOMER);
        writeRuleTags(wholeBook
                        ? SegmentSql.ruleTags(SegmentSql.RUN_PLACEMENTS, SegmentSql.ACTIVE_TAG_RULES, SegmentSql.EVERY_TAGGED_CUSTOMER)
                        : SegmentSql.ruleTags(), wholeBook, !filter.equals(SegmentSql.THESE_CUSTOMERS),
                "t.customer_id in (select c.id from customer c where %s)".formatted(filter), params);
    }

    /**
     * The rule tags of the nightly run's customers whose tags may have changed: those marked by a write that may change
     * the lines they hold (a policy, a product, a customer) and those moved to another segment of a dimension that a tag
     * rule reads (segment_change); the others' segments in those dimensions and their lines are as they were, and a
     * rule tag carries nothing else. Their tags are derived from their placements in the dimensions tag rules read:
     * staged, or — a dimension not due — current (the key looked up per customer and dimension, never the dimensions
     * staged).
     */
    private void syncScopedRuleTags() {
        jdbc.sql("""
                update segment_scope set tags = true
                 where written or customer_id in (select customer_id from segment_change
                                                   where segment is distinct from current_segment and dimension in (%s))"""
                .formatted(SegmentSql.TAG_RULE_DIMENSIONS)).update();
        jdbc.sql("analyze segment_scope").update();
        jdbc.sql("""
                create temp table segment_tagged on commit drop as
                select s.customer_id, s.dimension, s.segment
                  from segment_staging s join segment_scope sc on sc.customer_id = s.customer_id
                 where sc.tags
                union all
                select p.customer_id, p.dimension, p.segment
                  from segment_scope sc
                 cross join lateral (values %s) as d(dimension, staged)
                  join segment_placement p on p.customer_id = sc.customer_id and p.dimension = d.dimension and p.valid_to is null
                 where sc.tags and not d.staged and d.dimension in (%s)""".formatted(
                        eachDimension(d -> "('%s', sc.%s)".formatted(d.name(), scopeColumn(d)), ", "),
                        SegmentSql.TAG_RULE_DIMENSIONS)).update();
        jdbc.sql("analyze segment_tagged").update();
        writeRuleTags(SegmentSql.ruleTags(SegmentSql.TAGGED_PLACEMENTS, SegmentSql.ACTIVE_TAG_RULES), false, true,
                "t.customer_id in (select customer_id from segment_scope where tags)", java.util.Map.of());
        jdbc.sql("drop table segment_tagged").update();
    }

    /**
     * Stages the rule tags of {@code select} and makes them the current rule tags of the scope: the current rule tags
     * that hold for {@code scope} (a condition on t, customer_tag) and are not staged are removed, the staged ones that
     * are not current added. {@code wholeBook}: the placements tagged are the book's (plans for millions of rows).
     */
    private void writeRuleTags(String select, boolean wholeBook, boolean batch, String scope, java.util.Map<String, Object> params) {
        if (wholeBook) {
            // the rules expand to a few (dimension, segment) rows the planner cannot count (jsonb functions): it would
            // sort the millions of placements for a merge join instead of hashing the few rows
            jdbc.sql("set local enable_mergejoin = off").update();
        }
        jdbc.sql("insert into tag_staging\n" + select).params(params).update();
        if (wholeBook) {
            jdbc.sql("set local enable_mergejoin = on").update();
        }
        if (batch) {
            jdbc.sql("analyze tag_staging").update();
        }
        java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
        jdbc.sql("""
                update customer_tag t
                   set removed_at = :now, removed_by = 'rule'
                 where t.source = 'RULE' and t.removed_at is null
                   and %s
                   and not exists (select 1 from tag_staging s
                                    where s.customer_id = t.customer_id and s.tag_dimension = t.tag_dimension and s.tag = t.tag
                                      and s.tag_rule_set_id = t.tag_rule_set_id and s.reason_key = t.reason_key
                                      and s.reason_args = t.reason_args)""".formatted(scope))
                .param("now", now).params(params).update();
        // the new ones: only the staged tags that are not current already (an anti-join, customer_tag read — hashed,
        // for a batch — before anything is added, instead of probing the unique index for each of millions of rows that
        // are mostly current); a tag made current meanwhile by a concurrent run conflicts on customer_tag_current
        jdbc.sql("""
                insert into customer_tag (customer_id, tag_dimension, tag, source, tag_rule_set_id, reason_key, reason_args,
                                          created_by, created_at)
                select s.customer_id, s.tag_dimension, s.tag, 'RULE', s.tag_rule_set_id, s.reason_key, s.reason_args, 'rule', :now
                  from tag_staging s
                 where not exists (select 1 from customer_tag t
                                    where t.customer_id = s.customer_id and t.tag_dimension = s.tag_dimension and t.tag = s.tag
                                      and t.source = 'RULE' and t.removed_at is null and t.tag_rule_set_id = s.tag_rule_set_id
                                      and t.reason_key = s.reason_key and t.reason_args = s.reason_args)
                on conflict (customer_id, tag_dimension, tag, source) where removed_at is null do nothing""")
                .param("now", now).update();
        done("tag_staging", batch);
    }
}
