package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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

    /**
     * Saves the rules as the next version and makes it the active one.
     * @throws InvalidGapRules listing every problem when they are not valid
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public GapRuleSet save(List<GapRule> rules, String by) {
        List<GapRuleProblem> problems = GapRuleCheck.check(rules);
        if (!problems.isEmpty()) {
            throw new InvalidGapRules(problems);
        }
        return sets.saveNext(rules, clock.instant(), by, """
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
