package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import io.insurecrm.platform.rules.StaleRuleVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The versioned gap rules: the active set, every version, and saving a new version (validated first). */
@Service
public class GapRules {

    /** The message key of the rules' label, naming the record when a save is refused. */
    public static final String RECORD = "crosssell.rules.record";

    private final RuleSetVersions<GapRule, GapRuleSet> sets;
    private final Clock clock;

    GapRules(JdbcClient jdbc, Clock clock) {
        this.sets = new RuleSetVersions<>(jdbc, "crosssell_gap_rule_set", "crosssell_gap_rule", "rule_set_id", GapRules::rule,
                GapRuleSet::new);
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public GapRuleSet active() {
        return sets.active();
    }

    @Transactional(readOnly = true)
    public List<GapRuleSet> versions() {
        return sets.versions();
    }

    /** Every problem of the proposed rules; empty when they may be saved. */
    public List<GapRuleProblem> check(List<GapRule> rules) {
        return GapRuleCheck.check(rules);
    }

    /** The problems of a save's reason and of the version it was made from (row 0, field reason or basedOnVersion). */
    public static List<GapRuleProblem> noteProblems(String reason, Integer basedOnVersion) {
        return RuleSetVersions.noteProblems(RECORD, reason, basedOnVersion).stream()
                .map(p -> new GapRuleProblem(0, p.field(), p.code(), p.arguments())).toList();
    }

    /**
     * Saves the rules as the next version and makes it the active one, with the reason; the check against the active
     * version runs under the active row's lock.
     * @throws InvalidGapRules listing every problem of the rules, the reason and the version they were made from
     * @throws StaleRuleVersion when the active version is not {@code basedOnVersion} (naming who saved it when)
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public GapRuleSet save(List<GapRule> rules, String reason, Integer basedOnVersion, String by) {
        List<GapRuleProblem> problems = new ArrayList<>(GapRuleCheck.check(rules));
        problems.addAll(noteProblems(reason, basedOnVersion));
        if (!problems.isEmpty()) {
            throw new InvalidGapRules(problems);
        }
        return sets.saveNext(rules, reason, basedOnVersion, RECORD, clock.instant(), by, """
                        insert into crosssell_gap_rule (rule_set_id, position, code, kind, life_stages, relationship,
                            min_age, max_age, condition, lines, suggest_line, income_years, education_per_child,
                            explanation_zh, explanation_en)
                        values (:set, :position, :code, :kind, :stages, :relationship, :minAge, :maxAge, :condition,
                            :lines, :suggest, :incomeYears, :education, :zh, :en)""",
                (insert, r) -> insert.param("code", r.code()).param("kind", r.kind().name())
                        .param("stages", r.lifeStages().stream().sorted().toArray(String[]::new))
                        .param("relationship", r.relationship()).param("minAge", r.minAge()).param("maxAge", r.maxAge())
                        .param("condition", r.condition().name())
                        .param("lines", r.lines().stream().map(Enum::name).toArray(String[]::new))
                        .param("suggest", r.suggestLine().name()).param("incomeYears", r.incomeYears())
                        .param("education", r.educationPerChild()).param("zh", r.explanationZh().strip())
                        .param("en", r.explanationEn().strip()));
    }

    private static GapRule rule(ResultSet rs, int n) throws SQLException {
        return new GapRule(rs.getString("code"), GapRule.Kind.valueOf(rs.getString("kind")),
                new LinkedHashSet<>(strings(rs.getArray("life_stages"))), rs.getString("relationship"),
                (Integer) rs.getObject("min_age"), (Integer) rs.getObject("max_age"),
                GapRule.Condition.valueOf(rs.getString("condition")),
                strings(rs.getArray("lines")).stream().map(ProductLine::valueOf).toList(),
                ProductLine.valueOf(rs.getString("suggest_line")), rs.getBigDecimal("income_years"),
                rs.getBigDecimal("education_per_child"), rs.getString("explanation_zh"), rs.getString("explanation_en"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
