package io.insurecrm.crosssell;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every problem of a proposed gap rule set; empty when it is valid. */
final class GapRuleCheck {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("name", "age", "cover", "need");
    private static final int MAX_TEXT = 500;

    private GapRuleCheck() {
    }

    static List<GapRuleProblem> check(List<GapRule> rules) {
        List<GapRuleProblem> problems = new ArrayList<>();
        if (rules == null || rules.isEmpty()) {
            problems.add(GapRuleProblem.of(0, "rules", "empty"));
            return problems;
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            int row = i + 1;
            GapRule rule = rules.get(i);
            String code = rule.code() == null ? "" : rule.code();
            if (!CODE.matcher(code).matches()) {
                problems.add(GapRuleProblem.of(row, "code", "code", code));
            } else if (!codes.add(code)) {
                problems.add(GapRuleProblem.of(row, "code", "duplicateCode", code));
            }
            if (rule.kind() == null) {
                problems.add(GapRuleProblem.of(row, "kind", "required"));
            }
            if (rule.condition() == null) {
                problems.add(GapRuleProblem.of(row, "condition", "required"));
            }
            for (String stage : rule.lifeStages()) {
                if (!GapRule.LIFE_STAGES.contains(stage)) {
                    problems.add(GapRuleProblem.of(row, "lifeStages", "unknownStage", stage));
                }
            }
            if (rule.relationship() != null && !GapRule.RELATIONSHIPS.contains(rule.relationship())) {
                problems.add(GapRuleProblem.of(row, "relationship", "unknownRelationship", rule.relationship()));
            }
            age(problems, row, "minAge", rule.minAge());
            age(problems, row, "maxAge", rule.maxAge());
            if (rule.minAge() != null && rule.maxAge() != null && rule.minAge() > rule.maxAge()) {
                problems.add(GapRuleProblem.of(row, "maxAge", "ageRange", rule.minAge(), rule.maxAge()));
            }
            if (rule.lines().isEmpty()) {
                problems.add(GapRuleProblem.of(row, "lines", "noLines"));
            }
            if (rule.suggestLine() == null) {
                problems.add(GapRuleProblem.of(row, "suggestLine", "required"));
            }
            if (rule.incomeYears().signum() < 0 || rule.incomeYears().compareTo(BigDecimal.valueOf(50)) > 0) {
                problems.add(GapRuleProblem.of(row, "incomeYears", "incomeYears", rule.incomeYears().toPlainString()));
            }
            if (rule.educationPerChild().signum() < 0 || rule.educationPerChild().compareTo(BigDecimal.valueOf(100_000_000)) > 0) {
                problems.add(GapRuleProblem.of(row, "educationPerChild", "educationPerChild",
                        rule.educationPerChild().toPlainString()));
            }
            boolean needRule = rule.kind() == GapRule.Kind.COVER_BELOW_NEED;
            if (needRule && rule.incomeYears().signum() <= 0 && rule.educationPerChild().signum() <= 0
                    && rule.condition() != GapRule.Condition.HAS_MORTGAGE) {
                problems.add(GapRuleProblem.of(row, "incomeYears", "noNeed"));
            }
            text(problems, row, "explanationZh", rule.explanationZh(), needRule);
            text(problems, row, "explanationEn", rule.explanationEn(), needRule);
        }
        return problems;
    }

    private static void age(List<GapRuleProblem> problems, int row, String field, Integer age) {
        if (age != null && (age < 0 || age > 120)) {
            problems.add(GapRuleProblem.of(row, field, "age", age));
        }
    }

    private static void text(List<GapRuleProblem> problems, int row, String field, String text, boolean needRule) {
        if (text == null || text.isBlank()) {
            problems.add(GapRuleProblem.of(row, field, "explanationMissing"));
            return;
        }
        if (text.length() > MAX_TEXT) {
            problems.add(GapRuleProblem.of(row, field, "explanationLong", MAX_TEXT));
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (!PLACEHOLDERS.contains(name) || !needRule && (name.equals("cover") || name.equals("need"))) {
                problems.add(GapRuleProblem.of(row, field, "placeholder", "{" + name + "}"));
            }
        }
    }
}
