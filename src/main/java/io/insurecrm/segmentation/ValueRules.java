package io.insurecrm.segmentation;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The VALUE rules: bands of annual premium that together cover [0, ∞) exactly once — no gap, no overlap — each
 * naming a distinct segment. Built only through {@link #of}, which refuses anything else with every problem found.
 */
public record ValueRules(List<ValueBand> bands) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Z][A-Z0-9_]{0,29}");

    /** Valid rules, bands ordered by their lower bound. @throws InvalidSegmentRules listing what is wrong */
    public static ValueRules of(List<ValueBand> bands) {
        List<RuleProblem> problems = check(bands);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return new ValueRules(bands.stream().sorted(Comparator.comparing(ValueBand::from)).toList());
    }

    /** Every problem of the proposed bands; empty when they are valid. */
    public static List<RuleProblem> check(List<ValueBand> proposed) {
        List<RuleProblem> problems = new ArrayList<>();
        List<ValueBand> bands = proposed == null ? List.of() : proposed.stream()
                .filter(b -> b != null && !(blank(b.segment()) && b.from() == null && b.to() == null)).toList();
        if (bands.isEmpty()) {
            problems.add(RuleProblem.of("empty"));
            return problems;
        }
        Set<String> names = new HashSet<>();
        List<ValueBand> complete = new ArrayList<>();
        for (ValueBand band : bands) {
            String name = band.segment() == null ? "" : band.segment().strip();
            if (!SEGMENT.matcher(name).matches()) {
                problems.add(RuleProblem.of("segmentName", name));
            } else if (!names.add(name)) {
                problems.add(RuleProblem.of("duplicateSegment", name));
            }
            if (band.from() == null) {
                problems.add(RuleProblem.of("missingFrom", name));
            } else if (band.from().signum() < 0) {
                problems.add(RuleProblem.of("negative", name, amount(band.from())));
            } else if (band.to() != null && band.to().compareTo(band.from()) <= 0) {
                problems.add(RuleProblem.of("emptyBand", name, amount(band.from()), amount(band.to())));
            } else {
                complete.add(band);
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        complete.sort(Comparator.comparing(ValueBand::from));
        BigDecimal covered = BigDecimal.ZERO;   // [0, covered) is covered so far; null = everything from 0 up
        String coveredBy = null;                // the band that reaches furthest
        for (ValueBand band : complete) {
            if (covered == null) {
                problems.add(RuleProblem.of("overlap", coveredBy, band.segment(), amount(band.from()),
                        band.to() == null ? "∞" : amount(band.to())));
                continue;
            }
            int cmp = band.from().compareTo(covered);
            if (cmp > 0) {
                problems.add(RuleProblem.of("gap", amount(covered), amount(band.from())));
            } else if (cmp < 0) {
                BigDecimal end = band.to() != null && band.to().compareTo(covered) < 0 ? band.to() : covered;
                problems.add(RuleProblem.of("overlap", coveredBy, band.segment(), amount(band.from()), amount(end)));
            }
            if (band.to() == null || band.to().compareTo(covered) > 0) {
                covered = band.to();
                coveredBy = band.segment();
            }
        }
        if (covered != null) {
            problems.add(RuleProblem.of("noTop", amount(covered)));
        }
        return problems;
    }

    /** The rules as stored in {@code segment_rule_set.rules}; segment names are checked, so nothing needs escaping. */
    String toJson() {
        StringBuilder json = new StringBuilder("{\"bands\": [");
        for (int i = 0; i < bands.size(); i++) {
            ValueBand b = bands.get(i);
            json.append(i == 0 ? "" : ", ").append("{\"segment\": \"").append(b.segment().strip())
                    .append("\", \"from\": ").append(b.from().toPlainString())
                    .append(", \"to\": ").append(b.to() == null ? "null" : b.to().toPlainString()).append('}');
        }
        return json.append("]}").toString();
    }

    static String amount(BigDecimal value) {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
