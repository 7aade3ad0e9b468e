package io.insurecrm.platform.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * The checks rule editors share: a number within its range, the reason of a change, the version a form was based on,
 * and the parsing of a form's text fields. Every problem names the record ({@code recordKey}, a message key of its
 * label) and the field (its label key {@code <recordKey>.field.<field>}).
 */
public final class RuleChecks {

    public static final int MAX_REASON = 500;

    private RuleChecks() {
    }

    /** A problem unless {@code value} is present and within [{@code min}, {@code max}]. */
    public static void range(List<FieldProblem> problems, String recordKey, String field, Number value, Number min, Number max) {
        if (value == null) {
            problems.add(FieldProblem.of(field, "rules.problem.missing", FieldProblem.label(recordKey),
                    FieldProblem.label(recordKey + ".field." + field)));
        } else if (Double.isNaN(value.doubleValue()) || value.doubleValue() < min.doubleValue()
                || value.doubleValue() > max.doubleValue()) {
            problems.add(FieldProblem.of(field, "rules.problem.range", FieldProblem.label(recordKey),
                    FieldProblem.label(recordKey + ".field." + field), plain(value), plain(min), plain(max)));
        }
    }

    /** A problem unless the reason is given and at most {@link #MAX_REASON} characters. */
    public static void reason(List<FieldProblem> problems, String recordKey, String reason) {
        if (reason == null || reason.isBlank()) {
            problems.add(FieldProblem.of("reason", "rules.problem.reasonMissing", FieldProblem.label(recordKey)));
        } else if (reason.strip().length() > MAX_REASON) {
            problems.add(FieldProblem.of("reason", "rules.problem.reasonTooLong", FieldProblem.label(recordKey), MAX_REASON));
        }
    }

    /** A problem unless the form names the version it was based on. */
    public static void basedOn(List<FieldProblem> problems, String recordKey, Integer basedOn) {
        if (basedOn == null || basedOn < 1) {
            problems.add(FieldProblem.of("basedOnVersion", "rules.problem.basedOnMissing", FieldProblem.label(recordKey)));
        }
    }

    /**
     * The version a rule form was made from, as posted in its hidden field: null when missing or not a whole number of
     * at most nine digits (the save then names it missing, {@link #basedOn}).
     */
    public static Integer version(String posted) {
        return posted != null && posted.strip().matches("\\d{1,9}") ? Integer.valueOf(posted.strip()) : null;
    }

    /** A decimal typed in a form (blank = null); a problem naming the field when it is not a number. */
    public static Double decimal(List<FieldProblem> problems, String recordKey, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip()).doubleValue();
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(field, "rules.problem.notANumber", FieldProblem.label(recordKey),
                    FieldProblem.label(recordKey + ".field." + field), text.strip()));
            return null;
        }
    }

    /** A whole number typed in a form (blank = null); a problem naming the field when it is not one. */
    public static Integer whole(List<FieldProblem> problems, String recordKey, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(field, "rules.problem.notAWholeNumber", FieldProblem.label(recordKey),
                    FieldProblem.label(recordKey + ".field." + field), text.strip()));
            return null;
        }
    }

    /** A number as it reads in a message: 0.5, 3, 0.35 (no grouping, no trailing zeros). */
    public static String plain(Number value) {
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        return BigDecimal.valueOf(value.doubleValue()).stripTrailingZeros().toPlainString();
    }
}
