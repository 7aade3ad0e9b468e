package io.insurecrm.segmentation.web;

import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.RuleProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page editor of a rule set (LIFE_STAGE, BEHAVIOUR, RISK, DYNAMIC or the tag rules): the fields of the rules object as
 * form inputs named {@code r.} + the path the validators use in their messages ({@code windowMonths},
 * {@code segments[2].minR}, 1-based rows), so a problem naming a path is shown on that field and the others above the
 * form. Posted inputs become the rules object again ({@link #toJson}): blank inputs are left out (a blank row is
 * dropped, an empty upper bound is no bound), numbers become numbers, comma lists become lists.
 *
 * @param set       the dimension name, or {@code TAGS} for the tag rules
 * @param fields    the fields in the order shown
 * @param values    the current inputs by path
 * @param onField   problems shown on a field, by path
 * @param onForm    problems naming no field of the form
 * @param blanks    blank rows shown under a row field's filled ones, by field (one when absent)
 */
record RuleEditor(String set, List<Field> fields, Map<String, String> values, Map<String, List<RuleProblem>> onField,
                  List<RuleProblem> onForm, Map<String, Integer> blanks) {

    /** Scalar: one input; CUTS: four ascending inputs; FIXED_MAP: one input per part; KEYED_MAP: rows of key and
     * value; ROWS: rows of the parts. */
    enum Kind { SCALAR, CUTS, FIXED_MAP, KEYED_MAP, ROWS }

    record Field(String name, Kind kind, List<String> parts) {

        static Field scalar(String name) {
            return new Field(name, Kind.SCALAR, List.of());
        }
    }

    static final String TAGS = "TAGS";
    /** Fields edited as one text of comma-separated values. */
    static final Set<String> COMMA_LISTS = Set.of("whenSegments", "lacksLines");
    /** Fields that stay text even when they look like a number. */
    private static final Set<String> TEXTS = Set.of("segment", "tag", "tagDimension", "whenDimension", "key");
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)(?:\\[(\\d+)])?");
    private static final Pattern PATH = Pattern.compile("[a-z][A-Za-z]*(\\[\\d+])?(\\..+)?");
    /** A row of a row field: {@code bands[2]}, {@code propertyContribution.bands[1]}. */
    private static final Pattern ROW = Pattern.compile("([a-z][A-Za-z.]*)\\[\\d+]");

    static List<Field> fields(String set) {
        return switch (set) {
            case "VALUE" -> List.of(new Field("bands", Kind.ROWS, List.of("segment", "from", "to")),
                    Field.scalar("propertyContribution.premiumWeight"), Field.scalar("propertyContribution.premiumFull"),
                    Field.scalar("propertyContribution.renewalWeight"), Field.scalar("propertyContribution.renewalYears"),
                    Field.scalar("propertyContribution.renewalNoHistory"), Field.scalar("propertyContribution.claimWeight"),
                    Field.scalar("propertyContribution.claimYears"), Field.scalar("propertyContribution.claimsZero"),
                    new Field("propertyContribution.bands", Kind.ROWS, List.of("segment", "from", "to")));
            case "LIFE_STAGE" -> List.of(Field.scalar("youngUnder"), Field.scalar("seniorFrom"), Field.scalar("smallChildUnder"));
            case "DYNAMIC" -> List.of(Field.scalar("windowMonths"), Field.scalar("churnRiskMinLapses"),
                    Field.scalar("contactMonths"), Field.scalar("contactMinBefore"), Field.scalar("contactDropRatio"),
                    Field.scalar("loyalMinRenewals"));
            case "BEHAVIOUR" -> List.of(Field.scalar("windowMonths"), new Field("recencyDays", Kind.CUTS, List.of()),
                    new Field("frequency", Kind.CUTS, List.of()), new Field("monetary", Kind.CUTS, List.of()),
                    new Field("segments", Kind.ROWS, List.of("segment", "minR", "maxR", "minF", "maxF", "minM", "maxM")));
            case "RISK" -> List.of(Field.scalar("claimYears"), new Field("industry", Kind.KEYED_MAP, List.of("key", "value")),
                    Field.scalar("industryDefault"),
                    new Field("climate", Kind.FIXED_MAP, List.of("TYPHOON_COAST", "RAINY_SOUTH", "COLD_NORTH", "ARID_WEST", "TEMPERATE")),
                    Field.scalar("perPropertyClaim"), Field.scalar("perHealthClaim"), Field.scalar("claimPointsCap"),
                    new Field("levels", Kind.ROWS, List.of("segment", "from", "to")));
            case TAGS -> List.of(new Field("tags", Kind.ROWS, List.of("tagDimension", "tag", "whenDimension", "whenSegments",
                    "lacksLines")));
            default -> throw new IllegalArgumentException("No page editor for " + set);
        };
    }

    /** An editor showing {@code rules} (a rules object as stored or as posted) and the problems found in it. */
    static RuleEditor of(String set, Map<String, Object> rules, List<RuleProblem> problems) {
        List<Field> fields = fields(set);
        Map<String, String> values = flatten(rules, fields);
        Set<String> shown = shown(fields, values);
        Map<String, List<RuleProblem>> onField = new LinkedHashMap<>();
        List<RuleProblem> onForm = new ArrayList<>();
        for (RuleProblem problem : problems) {
            String path = path(problem);
            if (path != null && shown.contains(path)) {
                onField.computeIfAbsent(path, k -> new ArrayList<>()).add(problem);
            } else {
                onForm.add(problem);
            }
        }
        return new RuleEditor(set, fields, values, onField, onForm, Map.of());
    }

    /**
     * The editor again with what was posted, nothing checked: the row {@code remove} names ({@code bands[2]}, a row of
     * a row or keyed field of the set) left out, and for the row field {@code add} one blank row more than were posted
     * blank. Either may be null; a name that is not such a row or field of the set changes nothing.
     */
    static RuleEditor edited(String set, Map<String, String[]> params, String remove, String add) {
        List<Field> fields = fields(set);
        Map<String, String[]> kept = new LinkedHashMap<>(params);
        Matcher row = remove == null ? null : ROW.matcher(remove);
        if (row != null && row.matches() && rowField(fields, row.group(1))) {
            kept.keySet().removeIf(name -> name.startsWith("r." + remove + "."));
        }
        RuleEditor editor = of(set, toJson(set, kept), List.of());
        if (add == null || !rowField(fields, add)) {
            return editor;
        }
        Map<String, Integer> blanks = new LinkedHashMap<>(editor.blanks());
        blanks.put(add, blankRowsPosted(kept, add) + 1);
        return new RuleEditor(set, editor.fields(), editor.values(), editor.onField(), editor.onForm(), blanks);
    }

    private static boolean rowField(List<Field> fields, String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name) && (f.kind() == Kind.ROWS || f.kind() == Kind.KEYED_MAP));
    }

    /** Rows of {@code field} posted with every input blank. */
    private static int blankRowsPosted(Map<String, String[]> params, String field) {
        Pattern input = Pattern.compile("r\\." + Pattern.quote(field) + "\\[(\\d+)]\\..+");
        Map<String, Boolean> blank = new TreeMap<>();
        params.forEach((name, posted) -> {
            Matcher m = input.matcher(name);
            if (m.matches()) {
                blank.merge(m.group(1), blank(posted), Boolean::logicalAnd);
            }
        });
        return (int) blank.values().stream().filter(Boolean::booleanValue).count();
    }

    /** The path a problem names: its first argument when that is a path; young-under-senior on seniorFrom. */
    private static String path(RuleProblem problem) {
        if (problem.code().endsWith(".youngBeforeSenior")) {
            return "seniorFrom";
        }
        if (!problem.arguments().isEmpty() && problem.arguments().get(0) instanceof String s && PATH.matcher(s).matches()) {
            return s;
        }
        return null;
    }

    /** Every path the page shows problems for. */
    private static Set<String> shown(List<Field> fields, Map<String, String> values) {
        Set<String> shown = new LinkedHashSet<>();
        for (Field f : fields) {
            shown.add(f.name());
            switch (f.kind()) {
                case FIXED_MAP -> f.parts().forEach(p -> shown.add(f.name() + "." + p));
                case KEYED_MAP -> rowsOf(f.name(), values).forEach(i -> {
                    String key = values.get(f.name() + "[" + i + "].key");
                    if (key != null) {
                        shown.add(f.name() + "." + key);
                    }
                });
                case ROWS -> rowsOf(f.name(), values).forEach(i -> {
                    shown.add(f.name() + "[" + i + "]");
                    f.parts().forEach(p -> shown.add(f.name() + "[" + i + "]." + p));
                });
                default -> { }
            }
        }
        return shown;
    }

    // ---- for the template

    public String value(String path) {
        return values.getOrDefault(path, "");
    }

    public List<RuleProblem> errors(String path) {
        return onField.getOrDefault(path, List.of());
    }

    public boolean hasErrors(String path) {
        return onField.containsKey(path);
    }

    /** Row numbers (1-based) of a row field: the filled rows and the blank rows to add (one unless more were asked for). */
    public List<Integer> rows(String field) {
        List<Integer> rows = new ArrayList<>(rowsOf(field, values));
        for (int blank = blanks.getOrDefault(field, 1); blank > 0; blank--) {
            rows.add(rows.size() + 1);
        }
        return rows;
    }

    /** The items of a list field (picked or typed), upper case, as a set; empty when none. */
    public Set<String> picked(String path) {
        return new LinkedHashSet<>(items(value(path)));
    }

    /** The boxes of a list field: the options, then any item picked that is not among them (shown with its problem). */
    public List<String> listOptions(String path, List<String> options) {
        Set<String> all = new LinkedHashSet<>(options);
        all.addAll(picked(path));
        return List.copyOf(all);
    }

    /** How many rows of a row field are filled (the rows after them are the blank ones). */
    public int filledRows(String field) {
        return rowsOf(field, values).size();
    }

    private static List<Integer> rowsOf(String field, Map<String, String> values) {
        int max = 0;
        Pattern row = Pattern.compile(Pattern.quote(field) + "\\[(\\d+)].*");
        for (String key : values.keySet()) {
            Matcher m = row.matcher(key);
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 1; i <= max; i++) {
            rows.add(i);
        }
        return rows;
    }

    // ---- posted inputs to the rules object and back

    /**
     * The rules object from posted inputs named {@code r.<path>}; other parameters are ignored. Rows are renumbered
     * in order, blank ones dropped; a keyed map's rows ({@code industry[i].key}, {@code .value}) become an object.
     */
    static Map<String, Object> toJson(String set, Map<String, String[]> params) {
        List<Field> fields = fields(set);
        Map<String, Object> root = new LinkedHashMap<>();
        params.forEach((name, posted) -> {
            if (!name.startsWith("r.") || blank(posted)) {
                return;
            }
            List<String[]> steps = new ArrayList<>();
            for (String step : name.substring(2).split("\\.")) {
                Matcher m = STEP.matcher(step);
                if (!m.matches()) {
                    return;
                }
                steps.add(new String[] {m.group(1), m.group(2)});
            }
            String name0 = steps.get(steps.size() - 1)[0];
            // a list picked by checkboxes comes as one value per box; typed, as one text of comma-separated values
            String text = COMMA_LISTS.contains(name0) ? String.join(",", posted) : posted[0];
            put(root, steps, 0, leaf(name0, text.strip()));
        });
        return normalise(root, fields);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> node, List<String[]> steps, int at, Object value) {
        String[] step = steps.get(at);
        boolean last = at == steps.size() - 1;
        if (step[1] == null) {
            if (last) {
                node.put(step[0], value);
            } else {
                Object child = node.computeIfAbsent(step[0], k -> new LinkedHashMap<String, Object>());
                if (child instanceof Map<?, ?>) {
                    put((Map<String, Object>) child, steps, at + 1, value);
                }
            }
            return;
        }
        Object list = node.computeIfAbsent(step[0], k -> new TreeMap<Integer, Object>());
        if (!(list instanceof TreeMap<?, ?>)) {
            return;
        }
        TreeMap<Integer, Object> rows = (TreeMap<Integer, Object>) list;
        int index = Integer.parseInt(step[1]);
        if (last) {
            rows.put(index, value);
        } else {
            Object child = rows.computeIfAbsent(index, k -> new LinkedHashMap<String, Object>());
            if (child instanceof Map<?, ?>) {
                put((Map<String, Object>) child, steps, at + 1, value);
            }
        }
    }

    /** No input given: no value posted, or every value blank (a box list posts one value a box, none when none ticked). */
    private static boolean blank(String[] posted) {
        return posted == null || java.util.Arrays.stream(posted).allMatch(p -> p == null || p.isBlank());
    }

    /** The items of a list field's text (comma-, full-width-comma- or space-separated), upper case. */
    private static List<String> items(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split("[,，\\s]+")) {
            if (!item.isBlank()) {
                items.add(item.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return items;
    }

    private static Object leaf(String name, String text) {
        if (COMMA_LISTS.contains(name)) {
            return items(text);
        }
        if (TEXTS.contains(name)) {
            return name.equals("key") ? text : text.toUpperCase(java.util.Locale.ROOT);
        }
        try {
            BigDecimal number = new BigDecimal(text.replace(",", ""));
            // a whole number is stored as one ("3.0" would not cast to int in the SQL)
            return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0
                    ? new BigDecimal(number.toBigInteger()) : number;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** Lists from the numbered rows (in order, renumbered), keyed maps from their rows. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalise(Map<String, Object> root, List<Field> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        root.forEach((name, value) -> json.put(name, lists(value)));
        for (Field f : fields) {
            if (f.kind() == Kind.KEYED_MAP && json.get(f.name()) instanceof List<?> rows) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Object row : rows) {
                    if (row instanceof Map<?, ?> r && r.get("key") != null) {
                        map.put(String.valueOf(r.get("key")), r.get("value"));
                    }
                }
                json.put(f.name(), map);
            }
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Object lists(Object value) {
        if (value instanceof TreeMap<?, ?> rows) {
            List<Object> list = new ArrayList<>();
            rows.values().forEach(v -> list.add(lists(v)));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, lists(v)));
            return copy;
        }
        return value;
    }

    /** The inputs showing a rules object: path → text. */
    static Map<String, String> flatten(Map<String, Object> rules, List<Field> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> keyed = new LinkedHashSet<>();
        fields.stream().filter(f -> f.kind() == Kind.KEYED_MAP).forEach(f -> keyed.add(f.name()));
        rules.forEach((name, value) -> {
            if (keyed.contains(name) && value instanceof Map<?, ?> map) {
                int i = 1;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    values.put(name + "[" + i + "].key", String.valueOf(e.getKey()));
                    values.put(name + "[" + i + "].value", text(e.getValue()));
                    i++;
                }
            } else {
                flatten(name, name, value, values);
            }
        });
        return values;
    }

    private static void flatten(String path, String name, Object value, Map<String, String> values) {
        if (value == null) {
            return;
        }
        if (COMMA_LISTS.contains(name) && value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(o -> items.add(String.valueOf(o)));
            values.put(path, String.join(", ", items));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "[" + (i + 1) + "]", name, list.get(i), values);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(path + "." + k, String.valueOf(k), v, values));
        } else {
            values.put(path, text(value));
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
