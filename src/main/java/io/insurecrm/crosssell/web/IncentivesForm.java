package io.insurecrm.crosssell.web;

import io.insurecrm.crosssell.Incentive;
import io.insurecrm.crosssell.IncentiveProblem;
import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The incentive editor's rows as typed (bound as {@code rows[i].field}); a row left wholly blank is dropped, so
 * clearing an incentive's code, tier and descriptions deletes it. An empty line means any line.
 */
public class IncentivesForm extends VersionedForm {

    private List<Row> rows = new ArrayList<>();

    public List<Row> getRows() {
        return rows;
    }

    public void setRows(List<Row> rows) {
        this.rows = rows;
    }

    record Parsed(List<Incentive> incentives, List<IncentiveProblem> problems) {
    }

    /** The form of a saved version: its items and an empty row, made from {@code version}, no reason yet. */
    static IncentivesForm of(List<Incentive> incentives, int version) {
        IncentivesForm form = new IncentivesForm();
        form.setBasedOnVersion(String.valueOf(version));
        for (Incentive in : incentives) {
            Row row = new Row();
            row.code = in.code();
            row.tier = in.tier();
            row.line = in.line() == null ? "" : in.line().name();
            row.kind = in.kind().name();
            row.discountPercent = in.discountPercent() == null ? "" : in.discountPercent().stripTrailingZeros().toPlainString();
            row.points = in.points() == null ? "" : in.points().toString();
            row.descriptionZh = in.descriptionZh();
            row.descriptionEn = in.descriptionEn();
            form.rows.add(row);
        }
        form.rows.add(new Row());
        return form;
    }

    Parsed parse() {
        List<Incentive> incentives = new ArrayList<>();
        List<IncentiveProblem> problems = new ArrayList<>();
        int number = 0;
        for (Row row : rows) {
            if (row == null || row.blank()) {
                continue;
            }
            int n = ++number;
            ProductLine line = parseEnum(ProductLine.class, row.line, n, "line", problems);
            Incentive.Kind kind = parseEnum(Incentive.Kind.class, row.kind, n, "kind", problems);
            BigDecimal discount = null;
            if (row.discountPercent != null && !row.discountPercent.isBlank()) {
                try {
                    discount = new BigDecimal(row.discountPercent.strip().replace("%", ""));
                } catch (NumberFormatException e) {
                    problems.add(new IncentiveProblem(n, "discountPercent", "crosssell.incentives.notNumber",
                            List.of(row.discountPercent.strip())));
                }
            }
            Integer points = null;
            if (row.points != null && !row.points.isBlank()) {
                try {
                    points = Integer.valueOf(row.points.strip().replace(",", ""));
                } catch (NumberFormatException e) {
                    problems.add(new IncentiveProblem(n, "points", "crosssell.incentives.notNumber", List.of(row.points.strip())));
                }
            }
            incentives.add(new Incentive(trim(row.code), trim(row.tier), line, kind, discount, points,
                    row.descriptionZh, row.descriptionEn));
        }
        return new Parsed(incentives, problems);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, int row, String field,
                                                   List<IncentiveProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;   // line: any; kind: the check reports it missing
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new IncentiveProblem(row, field, "crosssell.incentives.unknownValue", List.of(value.strip())));
            return null;
        }
    }

    /** One editable incentive. */
    public static class Row {
        private String code;
        private String tier;
        private String line;
        private String kind;
        private String discountPercent;
        private String points;
        private String descriptionZh;
        private String descriptionEn;

        boolean blank() {
            return (nz(code) + nz(tier) + nz(discountPercent) + nz(points) + nz(descriptionZh) + nz(descriptionEn)).isEmpty();
        }

        private static String nz(String s) {
            return s == null ? "" : s.strip();
        }

        public String getCode() { return code; }
        public void setCode(String code) { this.code = code; }
        public String getTier() { return tier; }
        public void setTier(String tier) { this.tier = tier; }
        public String getLine() { return line; }
        public void setLine(String line) { this.line = line; }
        public String getKind() { return kind; }
        public void setKind(String kind) { this.kind = kind; }
        public String getDiscountPercent() { return discountPercent; }
        public void setDiscountPercent(String discountPercent) { this.discountPercent = discountPercent; }
        public String getPoints() { return points; }
        public void setPoints(String points) { this.points = points; }
        public String getDescriptionZh() { return descriptionZh; }
        public void setDescriptionZh(String descriptionZh) { this.descriptionZh = descriptionZh; }
        public String getDescriptionEn() { return descriptionEn; }
        public void setDescriptionEn(String descriptionEn) { this.descriptionEn = descriptionEn; }
    }
}
