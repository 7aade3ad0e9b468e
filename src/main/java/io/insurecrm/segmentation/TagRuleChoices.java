package io.insurecrm.segmentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tag-rule editor offers to pick: the tag dimensions, the segment dimensions, each dimension's segments — the
 * ones its active rules name (VALUE bands and contribution bands, BEHAVIOUR segments, RISK levels), the fixed ones of
 * LIFE_STAGE and DYNAMIC — and the product lines a rule may name as lacking.
 */
public record TagRuleChoices(List<String> tagDimensions, List<String> dimensions, Map<String, List<String>> segments,
                             List<String> lines) {

    static final List<String> LIFE_STAGE = List.of("YOUNG_SINGLE", "NEW_FAMILY", "SUPPORTING", "ESTABLISHED", "SENIOR", "CORPORATE");
    static final List<String> DYNAMIC = List.of("CHURN_RISK", "LOYAL", "POTENTIAL");

    /** The choices under the active rules of every dimension. */
    public static TagRuleChoices of(SegmentRules rules) {
        Map<String, List<String>> segments = new LinkedHashMap<>();
        List<String> dimensions = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            dimensions.add(dimension.name());
            segments.put(dimension.name(), switch (dimension) {
                case LIFE_STAGE -> LIFE_STAGE;
                case DYNAMIC -> DYNAMIC;
                default -> named(rules.active(dimension).rules());
            });
        }
        return new TagRuleChoices(List.of("NEED", "RISK", "VALUE"), List.copyOf(dimensions), segments, TagRules.LINE_ORDER);
    }

    /** The values of every {@code segment} key in a rules object, in the order met, once each. */
    static List<String> named(Object rules) {
        Set<String> found = new LinkedHashSet<>();
        collect(rules, found);
        return List.copyOf(found);
    }

    private static void collect(Object node, Set<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("segment".equals(key) && value != null) {
                    found.add(String.valueOf(value));
                } else {
                    collect(value, found);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, found));
        }
    }
}
