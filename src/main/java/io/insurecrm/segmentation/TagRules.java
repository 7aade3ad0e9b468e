package io.insurecrm.segmentation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tag rules: each gives a tag in a tag dimension (RISK, VALUE, NEED) to the customers currently placed in one of
 * {@code whenSegments} of {@code whenDimension} who — when {@code lacksLines} is given — hold or are insured by no
 * active policy of those product lines. A tag is named once per tag dimension; tags derive from placements only, never
 * from other tags, so the rules cannot form a cycle.
 */
record TagRules(List<Rule> tags) {

    static final Set<String> FIELDS = Set.of("tags");
    static final Set<String> RULE_FIELDS = Set.of("tagDimension", "tag", "whenDimension", "whenSegments", "lacksLines");
    static final Set<String> TAG_DIMENSIONS = Set.of("RISK", "VALUE", "NEED");
    /** The product lines a rule may name as lacking, in the order the editor offers them. */
    static final List<String> LINE_ORDER = List.of("ACCIDENT", "MEDICAL", "CRITICAL_ILLNESS", "TERM_LIFE", "WHOLE_LIFE",
            "ANNUITY", "EDUCATION", "LONG_TERM_CARE", "HOME_PROPERTY", "CORPORATE_PROPERTY", "MOTOR", "LIABILITY");
    static final Set<String> LINES = Set.copyOf(LINE_ORDER);
    static final Pattern TAG = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    record Rule(String tagDimension, String tag, String whenDimension, List<String> whenSegments, List<String> lacksLines) {
    }

    static List<RuleProblem> check(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        read(json, problems);
        return problems;
    }

    private static TagRules read(Object json, List<RuleProblem> problems) {
        RuleReader r = RuleReader.of(json, "", FIELDS, problems);
        List<Rule> rules = new ArrayList<>();
        if (!(r.raw("tags") instanceof List<?> list) || list.isEmpty()) {
            problems.add(RuleProblem.of("empty"));
            return null;
        }
        Set<String> names = new HashSet<>();
        Set<String> dimensions = new HashSet<>();
        for (Dimension d : Dimension.values()) {
            dimensions.add(d.name());
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "tags[" + (i + 1) + "]";
            RuleReader t = RuleReader.of(list.get(i), at, RULE_FIELDS, problems);
            String tagDimension = text(t.raw("tagDimension"));
            String tag = text(t.raw("tag"));
            String when = text(t.raw("whenDimension"));
            if (!TAG_DIMENSIONS.contains(tagDimension)) {
                problems.add(RuleProblem.of("unknownValue", at + ".tagDimension", tagDimension, String.join(", ", TAG_DIMENSIONS)));
            }
            if (!TAG.matcher(tag).matches()) {
                problems.add(RuleProblem.of("segmentName", tag));
            } else if (!names.add(tagDimension + ":" + tag)) {
                problems.add(RuleProblem.of("duplicateSegment", tag));
            }
            if (!dimensions.contains(when)) {
                problems.add(RuleProblem.of("unknownValue", at + ".whenDimension", when, String.join(", ", dimensions)));
            }
            List<String> segments = texts(t.raw("whenSegments"), at + ".whenSegments", null, problems);
            if (segments != null && segments.isEmpty()) {
                problems.add(RuleProblem.of("missingField", at + ".whenSegments"));
            }
            List<String> lines = t.has("lacksLines") ? texts(t.raw("lacksLines"), at + ".lacksLines", LINES, problems) : null;
            rules.add(new Rule(tagDimension, tag, when, segments, lines));
        }
        return problems.isEmpty() ? new TagRules(List.copyOf(rules)) : null;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).strip();
    }

    private static List<String> texts(Object value, String at, Set<String> allowed, List<RuleProblem> problems) {
        if (!(value instanceof List<?> list)) {
            problems.add(RuleProblem.of("missingField", at));
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (Object o : list) {
            String s = text(o);
            if (allowed != null && !allowed.contains(s)) {
                problems.add(RuleProblem.of("unknownValue", at, s, String.join(", ", allowed)));
            } else {
                texts.add(s);
            }
        }
        return texts;
    }
}
