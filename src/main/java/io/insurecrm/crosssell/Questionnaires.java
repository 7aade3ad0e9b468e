package io.insurecrm.crosssell;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pre-sale gap questionnaires: answers checked, turned into a person (and a new child when one joined the family
 * within the year), run through the active gap rules, stored with the gaps found. A questionnaire about a customer
 * is seen within the scope of that customer; one about a prospect by whoever filled it in and by staff who see all.
 */
@Service
public class Questionnaires {

    private final JdbcClient jdbc;
    private final GapRules rules;
    private final Clock clock;

    Questionnaires(JdbcClient jdbc, GapRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock;
    }

    /** @throws InvalidAnswers naming every bad field; NotFoundException when the customer is outside the scope */
    @Transactional
    public QuestionnaireReport submit(QuestionnaireAnswers answers, DataScope scope) {
        List<QuestionnaireAnswers.Problem> problems = answers.problems();
        if (!problems.isEmpty()) {
            throw new InvalidAnswers(problems);
        }
        if (answers.customerId() != null && !visible(answers.customerId(), scope)) {
            throw NotFoundException.of("customer.notFound", answers.customerId());
        }
        GapRuleSet ruleSet = rules.active();
        String stage = lifeStage(answers);
        List<Gap> gaps = evaluate(ruleSet, answers, stage);
        String by = CurrentStaff.username();
        long id = jdbc.sql("""
                        insert into crosssell_questionnaire (customer_id, respondent, age, marital_status, annual_income,
                            children, youngest_child, parents, new_child, mortgage, life_cover, held_lines, life_stage,
                            rule_set_version, created_at, created_by)
                        values (:customer, :respondent, :age, :marital, :income, :children, :youngest, :parents, :newChild,
                            :mortgage, :lifeCover, :held, :stage, :version, :at, :by) returning id""")
                .param("customer", answers.customerId()).param("respondent", answers.respondent().strip())
                .param("age", answers.age()).param("marital", answers.maritalStatus())
                .param("income", answers.annualIncome()).param("children", answers.children())
                .param("youngest", answers.youngestChild()).param("parents", answers.parents())
                .param("newChild", Boolean.TRUE.equals(answers.newChild())).param("mortgage", answers.mortgage())
                .param("lifeCover", answers.lifeCover())
                .param("held", answers.heldLines().stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("stage", stage).param("version", ruleSet.version())
                .param("at", Timestamp.from(clock.instant())).param("by", by)
                .query(Long.class).single();
        for (int i = 0; i < gaps.size(); i++) {
            Gap g = gaps.get(i);
            jdbc.sql("""
                            insert into crosssell_questionnaire_gap (questionnaire_id, position, rule_code, suggest_line,
                                cover, need, explanation_zh, explanation_en)
                            values (:id, :position, :code, :line, :cover, :need, :zh, :en)""")
                    .param("id", id).param("position", i + 1).param("code", g.ruleCode())
                    .param("line", g.suggestLine().name()).param("cover", g.cover()).param("need", g.need())
                    .param("zh", g.explanationZh()).param("en", g.explanationEn()).update();
        }
        return find(id, scope);
    }

    /** @throws NotFoundException when missing or not visible */
    @Transactional(readOnly = true)
    public QuestionnaireReport find(long id, DataScope scope) {
        String me = CurrentStaff.username();
        record Row(QuestionnaireAnswers answers, String stage, int version, Timestamp at, String by) {
        }
        Row row = jdbc.sql("""
                        select q.* from crosssell_questionnaire q
                          left join customer c on c.id = q.customer_id
                         where q.id = :id
                           and (case when q.customer_id is null then :scopeAll or q.created_by = :me
                                     else""" + " " + DataScope.predicate("c") + " end)")
                .param("id", id).param("me", me).param("scopeAll", scope.scopeAll())
                .param("scopeAgent", scope.scopeAgent()).param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> new Row(new QuestionnaireAnswers((Long) rs.getObject("customer_id"),
                        rs.getString("respondent"), rs.getInt("age"), rs.getString("marital_status"),
                        rs.getBigDecimal("annual_income"), rs.getInt("children"), (Integer) rs.getObject("youngest_child"),
                        rs.getBoolean("new_child"), rs.getInt("parents"), rs.getBigDecimal("mortgage"),
                        rs.getBigDecimal("life_cover"), new LinkedHashSet<>(GapRules.strings(rs.getArray("held_lines"))
                        .stream().map(ProductLine::valueOf).toList())),
                        rs.getString("life_stage"), rs.getInt("rule_set_version"), rs.getTimestamp("created_at"),
                        rs.getString("created_by")))
                .optional().orElseThrow(() -> NotFoundException.of("crosssell.questionnaire.notFound", id));
        List<Gap> gaps = jdbc.sql("select * from crosssell_questionnaire_gap where questionnaire_id = :id order by position")
                .param("id", id)
                .query((rs, n) -> new Gap(row.answers().customerId(), null, rs.getString("rule_code"),
                        ProductLine.valueOf(rs.getString("suggest_line")), rs.getBigDecimal("cover"), rs.getBigDecimal("need"),
                        rs.getString("explanation_zh"), rs.getString("explanation_en")))
                .list();
        return new QuestionnaireReport(id, row.answers(), row.stage(), row.version(), gaps, row.at().toInstant(), row.by());
    }

    /** The life stage the answers give, by the active LIFE_STAGE thresholds of the segmentation rules. */
    String lifeStage(QuestionnaireAnswers a) {
        record Thresholds(int youngUnder, int seniorFrom, int smallChildUnder) {
        }
        Thresholds t = jdbc.sql("""
                        select (rules ->> 'youngUnder')::int, (rules ->> 'seniorFrom')::int, (rules ->> 'smallChildUnder')::int
                          from segment_rule_set where dimension = 'LIFE_STAGE' and active""")
                .query((rs, n) -> new Thresholds(rs.getInt(1), rs.getInt(2), rs.getInt(3))).optional()
                .orElse(new Thresholds(35, 60, 6));
        return lifeStage(a, t.youngUnder(), t.seniorFrom(), t.smallChildUnder());
    }

    /** The same first-match order as the segmentation module's LIFE_STAGE rules (docs/segmentation.md). */
    static String lifeStage(QuestionnaireAnswers a, int youngUnder, int seniorFrom, int smallChildUnder) {
        boolean hasChild = a.children() > 0;
        if (a.age() >= seniorFrom) {
            return "SENIOR";
        }
        if (hasChild && a.youngestChild() != null && a.youngestChild() < smallChildUnder) {
            return "NEW_FAMILY";
        }
        if ("MARRIED".equals(a.maritalStatus()) && a.age() < youngUnder && !hasChild) {
            return "NEW_FAMILY";
        }
        if (hasChild || a.age() >= youngUnder && a.parents() > 0) {
            return "SUPPORTING";
        }
        return a.age() < youngUnder ? "YOUNG_SINGLE" : "ESTABLISHED";
    }

    static List<Gap> evaluate(GapRuleSet ruleSet, QuestionnaireAnswers a, String stage) {
        Map<ProductLine, BigDecimal> cover = new EnumMap<>(ProductLine.class);
        a.heldLines().forEach(line -> cover.put(line, BigDecimal.ZERO));
        if (a.lifeCover().signum() > 0) {
            cover.merge(ProductLine.TERM_LIFE, a.lifeCover(), BigDecimal::add);
        }
        Person respondent = new Person(a.customerId(), a.respondent().strip(), a.age(), stage,
                a.children() > 0 || "MARRIED".equals(a.maritalStatus()) ? "SELF" : null, a.children(), false,
                a.annualIncome(), a.mortgage(), cover);
        List<Gap> gaps = new ArrayList<>(GapEvaluator.evaluate(ruleSet.rules(), respondent));
        if (Boolean.TRUE.equals(a.newChild()) && a.youngestChild() != null) {
            Person child = new Person(null, "", a.youngestChild(), "YOUNG_SINGLE", "CHILD", 0, true, null,
                    BigDecimal.ZERO, Map.of());
            for (Gap g : GapEvaluator.evaluate(ruleSet.rules(), child)) {
                gaps.add(new Gap(null, null, g.ruleCode(), g.suggestLine(), g.cover(), g.need(),
                        g.explanationZh().replaceFirst("^", "新增子女"), g.explanationEn().replaceFirst("^", "The new child")));
            }
        }
        return gaps;
    }

    private boolean visible(long customerId, DataScope scope) {
        return jdbc.sql("select exists (select 1 from customer c where c.id = :id and " + DataScope.predicate("c") + ")")
                .param("id", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(Boolean.class).single();
    }
}
