package io.insurecrm.segmentation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON object of a proposed rule set (as parsed to maps, lists, numbers and strings), collecting every
 * problem instead of stopping at the first: unknown fields, missing ones, wrong types, values out of range. The
 * {@code where} prefix names the place in the rules (e.g. {@code segments[2]}) in every message.
 */
final class RuleReader {

    private final Map<String, Object> json;
    private final String where;
    private final List<RuleProblem> problems;

    private RuleReader(Map<String, Object> json, String where, List<RuleProblem> problems) {
        this.json = json;
        this.where = where;
        this.problems = problems;
    }

    /** A reader of {@code value}, which must be an object having only {@code known} fields. */
    @SuppressWarnings("unchecked")
    static RuleReader of(Object value, String where, Set<String> known, List<RuleProblem> problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(RuleProblem.of("notAnObject", where));
            return new RuleReader(Map.of(), where, problems);
        }
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add(RuleProblem.of("unknownField", path(where, String.valueOf(key)), String.join(", ", known)));
            }
        }
        return new RuleReader((Map<String, Object>) map, where, problems);
    }

    /** The path of a field of this object, as messages name it. */
    String path(String field) {
        return path(where, field);
    }

    boolean has(String field) {
        return json.get(field) != null;
    }

    Object raw(String field) {
        return json.get(field);
    }

    /** A whole number in [min, max]; null (and a problem) when missing or wrong. */
    Integer integer(String field, int min, int max) {
        Object value = json.get(field);
        if (value == null) {
            problems.add(RuleProblem.of("missingField", path(where, field)));
            return null;
        }
        return integer(value, path(where, field), min, max, problems);
    }

    /** An optional whole number in [min, max]; null when absent. */
    Integer optionalInteger(String field, int min, int max) {
        return json.get(field) == null ? null : integer(field, min, max);
    }

    /** A number in [min, max] (max null = unbounded); null (and a problem) when missing or wrong. */
    BigDecimal number(String field, BigDecimal min, BigDecimal max) {
        Object value = json.get(field);
        if (value == null) {
            problems.add(RuleProblem.of("missingField", path(where, field)));
            return null;
        }
        BigDecimal n = decimal(value);
        if (n == null) {
            problems.add(RuleProblem.of("notNumber", path(where, field), String.valueOf(value)));
            return null;
        }
        if (n.compareTo(min) < 0 || (max != null && n.compareTo(max) > 0)) {
            problems.add(RuleProblem.of("outOfRange", path(where, field), n.toPlainString(), min.toPlainString(),
                    max == null ? "∞" : max.toPlainString()));
            return null;
        }
        return n;
    }

    /** {@code count} strictly ascending positive numbers ("cut points"); null (and a problem) when wrong. */
    List<BigDecimal> cuts(String field, int count) {
        Object value = json.get(field);
        String at = path(where, field);
        if (!(value instanceof List<?> list) || list.size() != count) {
            problems.add(RuleProblem.of("cutCount", at, count));
            return null;
        }
        List<BigDecimal> cuts = new ArrayList<>();
        for (Object o : list) {
            BigDecimal n = decimal(o);
            if (n == null || n.signum() <= 0) {
                problems.add(RuleProblem.of("cutPositive", at, String.valueOf(o)));
                return null;
            }
            if (!cuts.isEmpty() && n.compareTo(cuts.get(cuts.size() - 1)) <= 0) {
                problems.add(RuleProblem.of("cutOrder", at, ValueRules.amount(cuts.get(cuts.size() - 1)), ValueRules.amount(n)));
                return null;
            }
            cuts.add(n);
        }
        return cuts;
    }

    /** An object of name → whole number in [min, max]; names must be in {@code names} unless that is null. */
    Map<String, Integer> points(String field, Set<String> names, int min, int max) {
        Object value = json.get(field);
        String at = path(where, field);
        Map<String, Integer> points = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(value == null ? RuleProblem.of("missingField", at) : RuleProblem.of("notAnObject", at));
            return points;
        }
        map.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (names != null && !names.contains(name)) {
                problems.add(RuleProblem.of("unknownField", path(at, name), String.join(", ", names)));
            } else {
                Integer n = integer(v, path(at, name), min, max, problems);
                if (n != null) {
                    points.put(name, n);
                }
            }
        });
        return points;
    }

    static Integer integer(Object value, String at, int min, int max, List<RuleProblem> problems) {
        BigDecimal n = decimal(value);
        // 25.0 is refused too: the rules are stored as written and read in SQL with ::int, which refuses it
        if (n == null || n.scale() > 0) {
            problems.add(RuleProblem.of("notInteger", at, String.valueOf(value)));
            return null;
        }
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            problems.add(RuleProblem.of("outOfRange", at, n.toPlainString(), min, max));
            return null;
        }
        return n.intValueExact();
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String path(String where, String field) {
        return where.isEmpty() ? field : where + "." + field;
    }
}
