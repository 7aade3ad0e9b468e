package io.insurecrm.loyalty;

import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The versioned tier rules: the active version, every version, and saving a new one (which re-evaluates the book). */
@Service
public class LoyaltyRules {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;
    private final ApplicationEventPublisher events;

    LoyaltyRules(JdbcClient jdbc, java.time.Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** Published after a new version of the rules is saved; the book is re-evaluated on it. */
    public record Changed(int version, String by) {
    }

    @Transactional(readOnly = true)
    public RuleSet active() {
        return find("where active", null).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<RuleSet> versions() {
        return jdbc.sql("select id from loyalty_rule_set order by version desc").query(Long.class).list().stream()
                .map(id -> find("where id = :id", id).orElseThrow()).toList();
    }

    /**
     * Saves the rules as the next version and makes it the active one; the book is re-evaluated after commit.
     * @throws InvalidTierRules when a higher tier is as easy as a lower one or a value is out of range
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public RuleSet save(List<TierCondition> tiers, Integer graceDays, DowngradePolicy downgrade,
                        Map<Activity, Integer> activityPoints, Integer pointsValidMonths, String by) {
        TierRules rules = TierRules.of(tiers, graceDays, downgrade, activityPoints, pointsValidMonths);
        jdbc.sql("select id from loyalty_rule_set where active for update").query(Long.class).optional();
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from loyalty_rule_set").query(Integer.class).single();
        jdbc.sql("update loyalty_rule_set set active = false where active").update();
        long id = jdbc.sql("""
                        insert into loyalty_rule_set (version, rules, created_at, created_by, active)
                        values (:version, cast(:rules as jsonb), :at, :by, true) returning id""")
                .param("version", next).param("rules", rules.toJson())
                .param("at", Timestamp.from(clock.instant())).param("by", by)
                .query(Long.class).single();
        RuleSet saved = find("where id = :id", id).orElseThrow();
        events.publishEvent(new Changed(saved.version(), by));
        return saved;
    }

    private Optional<RuleSet> find(String where, Long id) {
        record Head(long id, int version, Timestamp at, String by, boolean active, int grace, String downgrade, int validMonths) {
        }
        return jdbc.sql("""
                        select id, version, created_at, created_by, active, (rules ->> 'graceDays')::int as grace,
                               rules ->> 'downgrade' as downgrade, (rules ->> 'pointsValidMonths')::int as valid_months
                          from loyalty_rule_set""" + " " + where)
                .param("id", id)
                .query((rs, n) -> new Head(rs.getLong("id"), rs.getInt("version"), rs.getTimestamp("created_at"),
                        rs.getString("created_by"), rs.getBoolean("active"), rs.getInt("grace"), rs.getString("downgrade"),
                        rs.getInt("valid_months")))
                .optional()
                .map(h -> new RuleSet(h.id(), h.version(), h.at().toInstant(), h.by(), h.active(),
                        new TierRules(conditions(h.id()), h.grace(), DowngradePolicy.valueOf(h.downgrade()),
                                activityPoints(h.id()), h.validMonths())));
    }

    private List<TierCondition> conditions(long id) {
        return jdbc.sql("""
                        select t.tier, t."minYears", t."premiumAbove", t."minPoints"
                          from loyalty_rule_set r
                         cross join jsonb_to_recordset(r.rules -> 'tiers') as t(tier text, "minYears" int, "premiumAbove" numeric, "minPoints" int)
                         where r.id = :id
                         order by loyalty_tier_rank(t.tier)""")
                .param("id", id)
                .query((rs, n) -> new TierCondition(Tier.valueOf(rs.getString("tier")),
                        (Integer) rs.getObject("minYears"), rs.getBigDecimal("premiumAbove"), (Integer) rs.getObject("minPoints")))
                .list();
    }

    private Map<Activity, Integer> activityPoints(long id) {
        Map<Activity, Integer> points = new EnumMap<>(Activity.class);
        jdbc.sql("""
                        select key, value::int as points from loyalty_rule_set r, jsonb_each_text(r.rules -> 'activityPoints')
                         where r.id = :id""")
                .param("id", id)
                .query(rs -> {
                    points.put(Activity.valueOf(rs.getString("key")), rs.getInt("points"));
                });
        return points;
    }
}
