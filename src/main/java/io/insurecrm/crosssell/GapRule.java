package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * One coverage-gap rule: whom it is for (life stages, empty = any; household relationship, null = any; ages; a
 * condition) and the gap it finds: {@link Kind#MISSING_LINE} when the person holds no active cover in any of
 * {@code lines}, {@link Kind#COVER_BELOW_NEED} when the sum insured of {@code lines} is below
 * {@code income × incomeYears + mortgage + children × educationPerChild}. The explanations may use {name}, {age},
 * {cover} and {need}.
 */
public record GapRule(String code, Kind kind, Set<String> lifeStages, String relationship, Integer minAge,
                      Integer maxAge, Condition condition, List<ProductLine> lines, ProductLine suggestLine,
                      BigDecimal incomeYears, BigDecimal educationPerChild, String explanationZh, String explanationEn) {

    public enum Kind { MISSING_LINE, COVER_BELOW_NEED }

    /** What must hold besides stage, relationship and age. */
    public enum Condition { NONE, HAS_CHILD, NEW_MEMBER, HAS_MORTGAGE }

    /** The life stages of the segmentation module. */
    public static final List<String> LIFE_STAGES = List.of("YOUNG_SINGLE", "NEW_FAMILY", "SUPPORTING", "ESTABLISHED",
            "SENIOR", "CORPORATE");
    public static final List<String> RELATIONSHIPS = List.of("SELF", "SPOUSE", "CHILD", "PARENT", "OTHER");

    public GapRule {
        lifeStages = lifeStages == null ? Set.of() : Set.copyOf(lifeStages);
        lines = lines == null ? List.of() : List.copyOf(lines);
        incomeYears = incomeYears == null ? BigDecimal.ZERO : incomeYears;
        educationPerChild = educationPerChild == null ? BigDecimal.ZERO : educationPerChild;
    }

    public String explanation(String language) {
        return "en".equals(language) ? explanationEn : explanationZh;
    }
}
