package io.insurecrm.loyalty;

import io.insurecrm.platform.rules.ActiveVersion;
import io.insurecrm.platform.rules.FieldProblem;
import io.insurecrm.platform.rules.RuleChecks;
import io.insurecrm.platform.rules.StaleRuleVersion;
import java.sql.Timestamp;
import java.util.ArrayList;
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

    /** The message key of the rules' label, naming the record when a save is refused. */
    public static final String RECORD = "loyalty.rules.record";

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
     * Saves the rules as the next version and makes it the active one, with the reason; the book is re-evaluated after
     * commit. The check against the active version runs under the active row's lock, so of two editors who started
     * from the same version only the first saves.
     * @throws InvalidTierRules when a higher tier is as easy as a lower one, a value is out of range, the reason is
     *         missing or too long, or the version the proposal was based on is missing (every problem listed)
     * @throws StaleRuleVersion when the active version is not {@code basedOnVersion} (naming who saved it when)
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public RuleSet save(List<TierCondition> tiers, Integer graceDays, DowngradePolicy downgrade,
                        Map<Activity, Integer> activityPoints, Integer pointsValidMonths, String reason,
                        Integer basedOnVersion, String by) {
        List<RuleProblem> problems = new ArrayList<>(TierRules.check(tiers, graceDays, downgrade, activityPoints,
                pointsValidMonths));
        problems.addAll(noteProblems(reason, basedOnVersion));
        if (!problems.isEmpty()) {
            throw new InvalidTierRules(problems);
        }
        TierRules rules = TierRules.of(tiers, graceDays, downgrade, activityPoints, pointsValidMonths);
        ActiveVersion.require(jdbc, "loyalty_rule_set", basedOnVersion, RECORD, "loyalty.rules.stale");
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from loyalty_rule_set").query(Integer.class).single();
        jdbc.sql("update loyalty_rule_set set active = false where active").update();
        long id = jdbc.sql("""
                        insert into loyalty_rule_set (version, rules, reason, created_at, created_by, active)
                        values (:version, cast(:rules as jsonb), :reason, :at, :by, true) returning id""")
                .param("version", next).param("rules", rules.toJson()).param("reason", reason.strip())
                .param("at", Timestamp.from(clock.instant())).param("by", by)
                .query(Long.class).single();
        RuleSet saved = find("where id = :id", id).orElseThrow();
        events.publishEvent(new Changed(saved.version(), by));
        return saved;
    }

    /** The problems of a save's reason and of the version it was based on (the checks every rule editor shares). */
    public static List<RuleProblem> noteProblems(String reason, Integer basedOnVersion) {
        List<FieldProblem> problems = new ArrayList<>();
        RuleChecks.reason(problems, RECORD, reason);
        RuleChecks.basedOn(problems, RECORD, basedOnVersion);
        return problems.stream().map(RuleProblem::from).toList();
    }

    private Optional<RuleSet> find(String where, Long id) {
        record Head(long id, int version, Timestamp at, String by, boolean active, int grace, String downgrade, int validMonths,
                    String reason) {
        }
        return jdbc.sql("""
                        select id, version, created_at, created_by, active, reason, (rules ->> 'graceDays')::int as grace,
                               rules ->> 'downgrade' as downgrade, (rules ->> 'pointsValidMonths')::int as valid_months
                          from loyalty_rule_set""" + " " + where)
                .param("id", id)
                .query((rs, n) -> new Head(rs.getLong("id"), rs.getInt("version"), rs.getTimestamp("created_at"),
                        rs.getString("created_by"), rs.getBoolean("active"), rs.getInt("grace"), rs.getString("downgrade"),
                        rs.getInt("valid_months"), rs.getString("reason")))
                .optional()
                .map(h -> new RuleSet(h.id(), h.version(), h.at().toInstant(), h.by(), h.active(),
                        new TierRules(conditions(h.id()), h.grace(), DowngradePolicy.valueOf(h.downgrade()),
                                activityPoints(h.id()), h.validMonths()), h.reason()));
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
