package io.insurecrm.segmentation.web;

import io.insurecrm.segmentation.RuleProblem;
import io.insurecrm.segmentation.ValueBand;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The VALUE rule editor's rows as posted: one segment, from and to per row (parallel lists); blank rows are ignored,
 * an empty "to" means no upper bound.
 */
record ValueRulesForm(List<String> segment, List<String> from, List<String> to) {

    ValueRulesForm {
        segment = segment == null ? List.of() : segment;
        from = from == null ? List.of() : from;
        to = to == null ? List.of() : to;
    }

    /** The rows as bands, and a problem for every amount that is not a number. */
    Parsed parse() {
        List<ValueBand> bands = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        int rows = Math.max(segment.size(), Math.max(from.size(), to.size()));
        for (int i = 0; i < rows; i++) {
            String name = at(segment, i);
            String lower = at(from, i);
            String upper = at(to, i);
            if (name.isEmpty() && lower.isEmpty() && upper.isEmpty()) {
                continue;
            }
            bands.add(new ValueBand(name.toUpperCase(java.util.Locale.ROOT), amount(lower, problems), amount(upper, problems)));
        }
        return new Parsed(bands, problems);
    }

    record Parsed(List<ValueBand> bands, List<RuleProblem> problems) {
    }

    private static String at(List<String> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i).strip() : "";
    }

    private static BigDecimal amount(String text, List<RuleProblem> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text.replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(new RuleProblem("segmentation.rules.notANumber", List.of(text)));
            return null;
        }
    }
}
