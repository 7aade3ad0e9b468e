package io.insurecrm.segmentation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The BEHAVIOUR (RFM) rules. Recency R, frequency F and monetary M each score 1–5 by four ascending cut points:
 * R = 5 when the last interaction or policy event is fewer than {@code recencyDays[0]} days ago … 1 from
 * {@code recencyDays[3]} days on (or never); F = 1 + the number of {@code frequency} cuts ≤ interactions plus
 * policies started in {@code windowMonths}; M likewise over {@code monetary} and the annual premium of the active
 * policies he holds. {@code segments} are tried in order, the first whose score limits (minR … maxM, each 1–5) all
 * hold places the customer; every one of the 125 score combinations must reach a segment and every segment must be
 * reached by at least one.
 */
record BehaviourRules(int windowMonths, List<BigDecimal> recencyDays, List<BigDecimal> frequency,
                      List<BigDecimal> monetary, List<Segment> segments) {

    static final Set<String> FIELDS = Set.of("windowMonths", "recencyDays", "frequency", "monetary", "segments");
    static final Set<String> SEGMENT_FIELDS = Set.of("segment", "minR", "maxR", "minF", "maxF", "minM", "maxM");
    static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,29}");

    /** One segment: score limits (null = no limit). */
    record Segment(String segment, Integer minR, Integer maxR, Integer minF, Integer maxF, Integer minM, Integer maxM) {

        boolean matches(int r, int f, int m) {
            return within(r, minR, maxR) && within(f, minF, maxF) && within(m, minM, maxM);
        }

        private static boolean within(int score, Integer min, Integer max) {
            return (min == null || score >= min) && (max == null || score <= max);
        }
    }

    /** Every problem of the proposed rules (a parsed JSON object); empty when they are valid. */
    static List<RuleProblem> check(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        read(json, problems);
        return problems;
    }

    static BehaviourRules of(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        BehaviourRules rules = read(json, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return rules;
    }

    private static BehaviourRules read(Object json, List<RuleProblem> problems) {
        RuleReader r = RuleReader.of(json, "", FIELDS, problems);
        Integer window = r.integer("windowMonths", 1, 120);
        List<BigDecimal> recency = r.cuts("recencyDays", 4);
        List<BigDecimal> frequency = r.cuts("frequency", 4);
        List<BigDecimal> monetary = r.cuts("monetary", 4);
        List<Segment> segments = new ArrayList<>();
        if (!(r.raw("segments") instanceof List<?> list) || list.isEmpty()) {
            problems.add(RuleProblem.of("empty"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "segments[" + (i + 1) + "]";
                RuleReader s = RuleReader.of(list.get(i), at, SEGMENT_FIELDS, problems);
                String name = s.raw("segment") == null ? "" : String.valueOf(s.raw("segment")).strip();
                if (!NAME.matcher(name).matches()) {
                    problems.add(RuleProblem.of("segmentName", name));
                } else if (!names.add(name)) {
                    problems.add(RuleProblem.of("duplicateSegment", name));
                }
                Segment segment = new Segment(name, s.optionalInteger("minR", 1, 5), s.optionalInteger("maxR", 1, 5),
                        s.optionalInteger("minF", 1, 5), s.optionalInteger("maxF", 1, 5),
                        s.optionalInteger("minM", 1, 5), s.optionalInteger("maxM", 1, 5));
                limits(name, "R", segment.minR(), segment.maxR(), problems);
                limits(name, "F", segment.minF(), segment.maxF(), problems);
                limits(name, "M", segment.minM(), segment.maxM(), problems);
                segments.add(segment);
            }
        }
        if (problems.isEmpty()) {
            coverage(segments, problems);
        }
        return problems.isEmpty() ? new BehaviourRules(window, recency, frequency, monetary, List.copyOf(segments)) : null;
    }

    private static void limits(String segment, String score, Integer min, Integer max, List<RuleProblem> problems) {
        if (min != null && max != null && min > max) {
            problems.add(RuleProblem.of("scoreLimits", segment, score, min, max));
        }
    }

    /** Each score combination must reach a segment (the first one reporting the gap), each segment be reached. */
    private static void coverage(List<Segment> segments, List<RuleProblem> problems) {
        Set<String> reached = new HashSet<>();
        List<String> uncovered = new ArrayList<>();
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    Segment first = null;
                    for (Segment s : segments) {
                        if (s.matches(r, f, m)) {
                            first = s;
                            break;
                        }
                    }
                    if (first == null) {
                        uncovered.add("R" + r + "F" + f + "M" + m);
                    } else {
                        reached.add(first.segment());
                    }
                }
            }
        }
        if (!uncovered.isEmpty()) {
            problems.add(RuleProblem.of("rfmUncovered", uncovered.size(), String.join(", ",
                    uncovered.subList(0, Math.min(5, uncovered.size())))));
        }
        for (Segment s : segments) {
            if (!reached.contains(s.segment())) {
                problems.add(RuleProblem.of("unreachable", s.segment()));
            }
        }
    }
}
