package io.insurecrm.crosssell.web;

import io.insurecrm.crosssell.GapRule;
import io.insurecrm.crosssell.GapRuleProblem;
import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule editor's rows as typed (bound as {@code rows[i].field}); a row left wholly blank is dropped, so clearing a
 * rule's code and texts deletes it. Lists (life stages, lines) are comma- or space-separated.
 */
public class GapRulesForm extends VersionedForm {

    private List<Row> rows = new ArrayList<>();

    public List<Row> getRows() {
        return rows;
    }

    public void setRows(List<Row> rows) {
        this.rows = rows;
    }

    record Parsed(List<GapRule> rules, List<GapRuleProblem> problems) {
    }

    /** The form of a saved version: its items and an empty row, made from {@code version}, no reason yet. */
    static GapRulesForm of(List<GapRule> rules, int version) {
        GapRulesForm form = new GapRulesForm();
        form.setBasedOnVersion(String.valueOf(version));
        for (GapRule r : rules) {
            Row row = new Row();
            row.code = r.code();
            row.kind = r.kind().name();
            row.lifeStages = String.join(", ", r.lifeStages().stream().sorted().toList());
            row.relationship = r.relationship();
            row.minAge = r.minAge() == null ? "" : r.minAge().toString();
            row.maxAge = r.maxAge() == null ? "" : r.maxAge().toString();
            row.condition = r.condition().name();
            row.lines = String.join(", ", r.lines().stream().map(Enum::name).toList());
            row.suggestLine = r.suggestLine().name();
            row.incomeYears = r.incomeYears().stripTrailingZeros().toPlainString();
            row.educationPerChild = r.educationPerChild().stripTrailingZeros().toPlainString();
            row.explanationZh = r.explanationZh();
            row.explanationEn = r.explanationEn();
            form.rows.add(row);
        }
        form.rows.add(new Row());
        return form;
    }

    Parsed parse() {
        List<GapRule> rules = new ArrayList<>();
        List<GapRuleProblem> problems = new ArrayList<>();
        int number = 0;
        for (Row row : rows) {
            if (row == null || row.blank()) {
                continue;
            }
            number++;
            int n = number;
            GapRule.Kind kind = parseEnum(GapRule.Kind.class, row.kind, n, "kind", problems);
            GapRule.Condition condition = parseEnum(GapRule.Condition.class, row.condition, n, "condition", problems);
            List<ProductLine> lines = new ArrayList<>();
            for (String token : tokens(row.lines)) {
                ProductLine line = parseEnum(ProductLine.class, token, n, "lines", problems);
                if (line != null) {
                    lines.add(line);
                }
            }
            ProductLine suggest = parseEnum(ProductLine.class, row.suggestLine, n, "suggestLine", problems);
            rules.add(new GapRule(trim(row.code), kind, new LinkedHashSet<>(tokens(row.lifeStages)), trim(row.relationship),
                    integer(row.minAge, n, "minAge", problems), integer(row.maxAge, n, "maxAge", problems), condition,
                    lines, suggest, decimal(row.incomeYears, n, "incomeYears", problems),
                    decimal(row.educationPerChild, n, "educationPerChild", problems), row.explanationZh, row.explanationEn));
        }
        return new Parsed(rules, problems);
    }

    private static List<String> tokens(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("[,，\\s]+")).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, int row, String field,
                                                   List<GapRuleProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;   // the check reports what is required
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new GapRuleProblem(row, field, "crosssell.rules.unknownValue", List.of(value.strip())));
            return null;
        }
    }

    private static Integer integer(String value, int row, String field, List<GapRuleProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(new GapRuleProblem(row, field, "crosssell.rules.notNumber", List.of(value.strip())));
            return null;
        }
    }

    private static BigDecimal decimal(String value, int row, String field, List<GapRuleProblem> problems) {
        if (value == null || value.isBlank()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(new GapRuleProblem(row, field, "crosssell.rules.notNumber", List.of(value.strip())));
            return BigDecimal.ZERO;
        }
    }

    /** One editable rule. */
    public static class Row {
        private String code;
        private String kind;
        private String lifeStages;
        private String relationship;
        private String minAge;
        private String maxAge;
        private String condition;
        private String lines;
        private String suggestLine;
        private String incomeYears;
        private String educationPerChild;
        private String explanationZh;
        private String explanationEn;

        boolean blank() {
            return Set.of(nz(code), nz(lines), nz(explanationZh), nz(explanationEn)).equals(Set.of(""));
        }

        private static String nz(String s) {
            return s == null ? "" : s.strip();
        }

        public String getCode() { return code; }
        public void setCode(String code) { this.code = code; }
        public String getKind() { return kind; }
        public void setKind(String kind) { this.kind = kind; }
        public String getLifeStages() { return lifeStages; }
        public void setLifeStages(String lifeStages) { this.lifeStages = lifeStages; }
        public String getRelationship() { return relationship; }
        public void setRelationship(String relationship) { this.relationship = relationship; }
        public String getMinAge() { return minAge; }
        public void setMinAge(String minAge) { this.minAge = minAge; }
        public String getMaxAge() { return maxAge; }
        public void setMaxAge(String maxAge) { this.maxAge = maxAge; }
        public String getCondition() { return condition; }
        public void setCondition(String condition) { this.condition = condition; }
        public String getLines() { return lines; }
        public void setLines(String lines) { this.lines = lines; }
        public String getSuggestLine() { return suggestLine; }
        public void setSuggestLine(String suggestLine) { this.suggestLine = suggestLine; }
        public String getIncomeYears() { return incomeYears; }
        public void setIncomeYears(String incomeYears) { this.incomeYears = incomeYears; }
        public String getEducationPerChild() { return educationPerChild; }
        public void setEducationPerChild(String educationPerChild) { this.educationPerChild = educationPerChild; }
        public String getExplanationZh() { return explanationZh; }
        public void setExplanationZh(String explanationZh) { this.explanationZh = explanationZh; }
        public String getExplanationEn() { return explanationEn; }
        public void setExplanationEn(String explanationEn) { this.explanationEn = explanationEn; }
    }
}
