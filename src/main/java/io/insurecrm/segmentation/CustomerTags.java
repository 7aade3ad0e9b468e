package io.insurecrm.segmentation;

import io.insurecrm.platform.rules.ActiveVersion;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tags in three dimensions (RISK, VALUE, NEED): the current tags of a customer, tags set and removed by hand (with
 * author and note), and the versioned tag rules that the recompute keeps the rule tags in step with.
 */
@Service
public class CustomerTags {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CustomerTags(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** The customer's current tags, rule tags first; not found when he is outside the scope. */
    @Transactional(readOnly = true)
    public List<CustomerTag> current(long customerId, DataScope scope) {
        requireVisible(customerId, scope);
        return jdbc.sql("""
                        select t.id, t.customer_id, t.tag_dimension, t.tag, t.source, t.reason_key,
                               array(select jsonb_array_elements_text(t.reason_args)) as reason_args, t.note, t.created_by, t.created_at
                          from customer_tag t
                         where t.customer_id = :customer and t.removed_at is null
                         order by array_position(array['RISK','VALUE','NEED'], t.tag_dimension), t.source desc, t.tag""")
                .param("customer", customerId).query(CustomerTags::row).list();
    }

    /**
     * Sets a tag by hand. @throws InvalidSegmentRules when the dimension, the tag name or the note is not valid, or the
     * customer already has this manual tag
     */
    @Transactional
    public CustomerTag add(long customerId, String dimension, String tag, String note, String by, DataScope scope) {
        requireVisible(customerId, scope);
        String name = tag == null ? "" : tag.strip().toUpperCase(java.util.Locale.ROOT);
        String text = note == null ? "" : note.strip();
        List<RuleProblem> problems = new ArrayList<>();
        if (dimension == null || !TagRules.TAG_DIMENSIONS.contains(dimension)) {
            problems.add(RuleProblem.of("unknownValue", "dimension", String.valueOf(dimension), "RISK, VALUE, NEED"));
        }
        if (!TagRules.TAG.matcher(name).matches()) {
            problems.add(RuleProblem.of("segmentName", name));
        }
        if (text.isEmpty() || text.length() > 500) {
            problems.add(RuleProblem.of("tagNote"));
        }
        if (problems.isEmpty() && jdbc.sql("""
                        select exists (select 1 from customer_tag where customer_id = :c and tag_dimension = :d and tag = :t
                                          and source = 'MANUAL' and removed_at is null)""")
                .param("c", customerId).param("d", dimension).param("t", name).query(Boolean.class).single()) {
            problems.add(RuleProblem.of("duplicateSegment", name));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        long id = jdbc.sql("""
                        insert into customer_tag (customer_id, tag_dimension, tag, source, note, created_by, created_at)
                        values (:c, :d, :t, 'MANUAL', :note, :by, :at) returning id""")
                .param("c", customerId).param("d", dimension).param("t", name).param("note", text).param("by", by)
                .param("at", java.sql.Timestamp.from(clock.instant())).query(Long.class).single();
        return current(customerId, scope).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
    }

    /** Removes a manual tag (rule tags follow their rules). Not found unless it is a current manual tag of the customer. */
    @Transactional
    public void remove(long customerId, long tagId, String by, DataScope scope) {
        requireVisible(customerId, scope);
        int removed = jdbc.sql("""
                        update customer_tag set removed_at = :at, removed_by = :by
                         where id = :id and customer_id = :c and source = 'MANUAL' and removed_at is null""")
                .param("at", java.sql.Timestamp.from(clock.instant())).param("by", by).param("id", tagId)
                .param("c", customerId).update();
        if (removed == 0) {
            throw NotFoundException.of("segmentation.tag.notFound", tagId);
        }
    }

    /** The set name of the tag rules where a dimension's name stands (editors, refusals). */
    public static final String TAGS = "TAGS";

    /** Every saved version of the tag rules, newest first. */
    @Transactional(readOnly = true)
    public List<RuleVersion> versions() {
        return jdbc.sql("select version, created_by, created_at, reason, active from tag_rule_set order by version desc")
                .query(CustomerTags::version).list();
    }

    private static RuleVersion version(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new RuleVersion(rs.getInt("version"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("reason"), rs.getBoolean("active"));
    }

    /** The active tag rules as stored, with their version. */
    @Transactional(readOnly = true)
    public Map<String, Object> activeRules() {
        return jdbc.sql("select version, rules::text as rules from tag_rule_set where active")
                .query((rs, n) -> Map.<String, Object>of("version", rs.getInt("version"), "rules", parse(rs.getString("rules"))))
                .single();
    }

    /**
     * Saves the next version of the tag rules; the book's rule tags follow at the recompute that is started after commit.
     * @throws InvalidSegmentRules naming every unknown field or value, duplicate or missing part, and a missing version
     *         or reason of the note
     * @throws io.insurecrm.platform.rules.StaleRuleVersion when the note's version is not the active one
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public int saveRules(Map<String, Object> proposed, String by, RuleSaveNote note) {
        List<RuleProblem> problems = new java.util.ArrayList<>(TagRules.check(proposed));
        problems.addAll(note.problems());
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        ActiveVersion.require(jdbc, "tag_rule_set", note.basedOnVersion(), RuleSaveNote.recordKey(TAGS), RuleSaveNote.STALE);
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from tag_rule_set").query(Integer.class).single();
        jdbc.sql("update tag_rule_set set active = false where active").update();
        jdbc.sql("""
                        insert into tag_rule_set (version, rules, created_at, created_by, active, reason)
                        values (:v, cast(:rules as jsonb), :at, :by, true, :reason)""")
                .param("v", next).param("rules", JSON.writeValueAsString(proposed))
                .param("at", java.sql.Timestamp.from(clock.instant())).param("by", by).param("reason", note.reason()).update();
        events.publishEvent(new SegmentRulesChanged(null, next, by));
        return next;
    }

    /**
     * What the proposed tag rules would do, nothing saved: per tag, the customers in scope who have it now (as a rule
     * tag), who would have it under the proposed rules from their current placements, and who would gain or lose it.
     * The same SQL as the recompute, with the proposed rules as its rules source.
     * @throws InvalidSegmentRules when the rules are not valid
     */
    @Transactional(readOnly = true)
    public List<TagPreview> preview(Map<String, Object> proposed, DataScope scope) {
        List<RuleProblem> problems = TagRules.check(proposed);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return jdbc.sql("with proposed as (select distinct customer_id, tag_dimension, tag from ("
                        + SegmentSql.ruleTags(SegmentSql.SCOPED_CURRENT_PLACEMENTS, SegmentSql.PROPOSED_RULES) + ") t), "
                        + """
                        current_tags as (
                            select distinct t.customer_id, t.tag_dimension, t.tag
                              from customer_tag t
                              join customer c on c.id = t.customer_id
                             where t.source = 'RULE' and t.removed_at is null and """ + DataScope.predicate("c") + """
                        )
                        select coalesce(p.tag_dimension, cu.tag_dimension) as tag_dimension, coalesce(p.tag, cu.tag) as tag,
                               count(cu.customer_id) as current_count, count(p.customer_id) as proposed_count,
                               count(*) filter (where cu.customer_id is null) as gained,
                               count(*) filter (where p.customer_id is null) as lost
                          from proposed p
                          full join current_tags cu
                                 on cu.customer_id = p.customer_id and cu.tag_dimension = p.tag_dimension and cu.tag = p.tag
                         group by 1, 2
                         order by 1, 2""")
                .param("proposedRules", JSON.writeValueAsString(proposed))
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> new TagPreview(rs.getString("tag_dimension"), rs.getString("tag"), rs.getLong("current_count"),
                        rs.getLong("proposed_count"), rs.getLong("gained"), rs.getLong("lost")))
                .list();
    }

    /** Every problem of the proposed tag rules; empty when they are valid. */
    public List<RuleProblem> check(Object proposed) {
        return TagRules.check(proposed);
    }

    private void requireVisible(long customerId, DataScope scope) {
        boolean visible = jdbc.sql("select exists (select 1 from customer c where c.id = :customer and "
                        + DataScope.predicate("c") + ")")
                .param("customer", customerId)
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query(Boolean.class).single();
        if (!visible) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return JSON.readValue(json, Map.class);
    }

    private static CustomerTag row(ResultSet rs, int n) throws SQLException {
        java.sql.Array args = rs.getArray("reason_args");
        return new CustomerTag(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("tag_dimension"), rs.getString("tag"),
                rs.getString("source"), rs.getString("reason_key"), args == null ? List.of() : List.of((String[]) args.getArray()),
                rs.getString("note"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
