package io.insurecrm.segmentation;

import io.insurecrm.platform.rules.ActiveVersion;
import io.insurecrm.platform.security.DataScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The versioned rule sets: the active one per dimension, saving a new VALUE version, and a what-if preview. */
@Service
public class SegmentRules {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SegmentRules(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public RuleSet active(Dimension dimension) {
        return find("where dimension = :dimension and active", dimension, null).orElseThrow();
    }

    /** Every saved version of a dimension's rules, newest first: who saved it, when, why. */
    @Transactional(readOnly = true)
    public List<RuleVersion> versions(Dimension dimension) {
        return jdbc.sql("""
                        select version, created_by, created_at, reason, active from segment_rule_set
                         where dimension = :dimension order by version desc""")
                .param("dimension", dimension.name())
                .query((rs, n) -> new RuleVersion(rs.getInt("version"), rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("reason"), rs.getBoolean("active")))
                .list();
    }

    /**
     * Saves the bands as the next VALUE version and makes it the active one; the book is recomputed after commit.
     * @throws InvalidSegmentRules when the bands leave a gap, overlap, or name a segment twice, or the note lacks its
     *         version or reason
     * @throws io.insurecrm.platform.rules.StaleRuleVersion when the note's version is not the active one
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public RuleSet saveValueRules(List<ValueBand> bands, String by, RuleSaveNote note) {
        List<RuleProblem> problems = new ArrayList<>();
        ValueRules checked = null;
        try {
            checked = ValueRules.of(bands);
        } catch (InvalidSegmentRules e) {
            problems.addAll(e.problems());
        }
        problems.addAll(note.problems());
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return save(Dimension.VALUE, withActiveContribution(checked).toJson(), by, note);
    }

    /** The bands with the property contribution of the active VALUE rules (the band editor does not change it). */
    private ValueRules withActiveContribution(ValueRules bands) {
        Object active = active(Dimension.VALUE).rules().get("propertyContribution");
        return active == null ? bands
                : new ValueRules(bands.bands(), ValueRules.fromJson(Map.of("bands", bands.toBandMaps(),
                        "propertyContribution", active)).propertyContribution());
    }

    /**
     * The VALUE rules object the bands propose, with the property contribution of the active VALUE rules (as
     * {@link #saveValueRules} would save it).
     * @throws InvalidSegmentRules when the bands are not valid
     */
    @Transactional(readOnly = true)
    public Map<String, Object> proposedValueRules(List<ValueBand> bands) {
        return parse(withActiveContribution(ValueRules.of(bands)).toJson());
    }

    /**
     * What the proposed VALUE bands would do, without saving anything: customers in scope by current segment (null =
     * not placed yet) and the segment the bands would give them.
     * @throws InvalidSegmentRules when the bands are not valid
     */
    @Transactional(readOnly = true)
    public List<MigrationCell> preview(List<ValueBand> bands, DataScope scope) {
        return preview(Dimension.VALUE, parse(withActiveContribution(ValueRules.of(bands)).toJson()), scope);
    }

    /**
     * What proposed rules of any dimension (a parsed JSON object, as {@link #saveRules} takes it) would do, without
     * saving anything: customers in scope by current segment (null = not placed yet) and the segment the proposed rules
     * would give them today. The same SQL as the recompute, with the proposed rules as its rules source.
     * @throws InvalidSegmentRules when the rules are not valid
     */
    @Transactional(readOnly = true)
    public List<MigrationCell> preview(Dimension dimension, Map<String, Object> proposed, DataScope scope) {
        List<RuleProblem> problems = check(dimension, proposed);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        jdbc.sql("set local jit = off").update();
        return jdbc.sql(migrationMatrix(SegmentSql.segmentsOnly(dimension, DataScope.predicate("c"), SegmentSql.PROPOSED_RULES)))
                .param("proposedRules", JSON.writeValueAsString(proposed)).param("dimension", dimension.name())
                .param("today", java.time.LocalDate.now(clock))
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> new MigrationCell(rs.getString("from_segment"), rs.getString("to_segment"),
                        rs.getLong("customers")))
                .list();
    }

    /**
     * The migration matrix of a dimension's statement against the current placements of {@code :dimension}: from
     * segment (null = not placed yet), to segment, customers.
     */
    static String migrationMatrix(String dimensionStatement) {
        return "with proposed as (" + dimensionStatement + """
                )
                select cur.segment as from_segment, n.segment as to_segment, count(*) as customers
                  from proposed n
                  left join segment_placement cur
                         on cur.customer_id = n.customer_id and cur.dimension = :dimension and cur.valid_to is null
                 group by cur.segment, n.segment
                 order by cur.segment nulls first, n.segment""";
    }

    private Optional<RuleSet> find(String where, Dimension dimension, Long id) {
        return jdbc.sql("select id, dimension, version, created_at, created_by, active, rules::text as rules_json, "
                        + "(rules ->> 'youngUnder')::int as young_under, (rules ->> 'seniorFrom')::int as senior_from, "
                        + "(rules ->> 'smallChildUnder')::int as small_child_under, reason from segment_rule_set " + where)
                .param("dimension", dimension.name()).param("id", id)
                .query((rs, n) -> new RuleSet(rs.getLong("id"), Dimension.valueOf(rs.getString("dimension")),
                        rs.getInt("version"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                        rs.getBoolean("active"),
                        dimension == Dimension.VALUE ? bands(rs.getLong("id")) : List.of(),
                        dimension == Dimension.LIFE_STAGE ? new RuleSet.LifeStageThresholds(rs.getInt("young_under"),
                                rs.getInt("senior_from"), rs.getInt("small_child_under")) : null,
                        parse(rs.getString("rules_json")), rs.getString("reason")))
                .optional();
    }

    /**
     * Saves {@code proposed} (a parsed JSON object) as the next version of a BEHAVIOUR, RISK, DYNAMIC or LIFE_STAGE rule
     * set, or of VALUE (bands and the optional property contribution), and makes it the active one; the book is
     * recomputed after commit.
     * @throws InvalidSegmentRules naming every unknown field, missing or out-of-range value, gap or overlap, and a
     *         missing version or reason of the note
     * @throws io.insurecrm.platform.rules.StaleRuleVersion when the note's version is not the active one
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public RuleSet saveRules(Dimension dimension, Map<String, Object> proposed, String by, RuleSaveNote note) {
        List<RuleProblem> problems = new ArrayList<>(check(dimension, proposed));
        problems.addAll(note.problems());
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return save(dimension, JSON.writeValueAsString(proposed), by, note);
    }

    /** Every problem of the proposed rules of the dimension; empty when they are valid. */
    public List<RuleProblem> check(Dimension dimension, Object proposed) {
        return switch (dimension) {
            case VALUE -> ValueRules.checkJson(proposed);
            case LIFE_STAGE -> LifeStageRules.check(proposed);
            case BEHAVIOUR -> BehaviourRules.check(proposed);
            case RISK -> RiskRules.check(proposed);
            case DYNAMIC -> DynamicRules.check(proposed);
        };
    }

    private RuleSet save(Dimension dimension, String json, String by, RuleSaveNote note) {
        ActiveVersion.require(jdbc, "segment_rule_set", "dimension = :dimension", Map.of("dimension", dimension.name()),
                note.basedOnVersion(), RuleSaveNote.recordKey(dimension.name()), RuleSaveNote.STALE);
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from segment_rule_set where dimension = :dimension")
                .param("dimension", dimension.name()).query(Integer.class).single();
        jdbc.sql("update segment_rule_set set active = false where dimension = :dimension and active")
                .param("dimension", dimension.name()).update();
        long id = jdbc.sql("""
                        insert into segment_rule_set (dimension, version, rules, created_at, created_by, active, reason)
                        values (:dimension, :version, cast(:rules as jsonb), :at, :by, true, :reason) returning id""")
                .param("dimension", dimension.name()).param("version", next).param("rules", json).param("reason", note.reason())
                .param("at", java.sql.Timestamp.from(clock.instant())).param("by", by)
                .query(Long.class).single();
        RuleSet saved = find("where id = :id", dimension, id).orElseThrow();
        events.publishEvent(new SegmentRulesChanged(dimension, saved.version(), by));
        return saved;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return json == null ? Map.of() : JSON.readValue(json, Map.class);
    }

    private List<ValueBand> bands(long ruleSetId) {
        return jdbc.sql("""
                        select b.segment, b."from", b."to"
                          from segment_rule_set r
                         cross join jsonb_to_recordset(r.rules -> 'bands') as b(segment text, "from" numeric, "to" numeric)
                         where r.id = :id
                         order by b."from\"""")
                .param("id", ruleSetId)
                .query((rs, n) -> new ValueBand(rs.getString("segment"), rs.getBigDecimal("from"), rs.getBigDecimal("to")))
                .list();
    }
}
