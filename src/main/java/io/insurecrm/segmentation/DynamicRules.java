package io.insurecrm.segmentation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The DYNAMIC layer rules, tried in order: CHURN_RISK when within {@code windowMonths} at least
 * {@code churnRiskMinLapses} of his policies lapsed, were cancelled or expired without renewal, or when his contact
 * declined — at least {@code contactMinBefore} interactions in the {@code contactMonths} before the latest
 * {@code contactMonths} and fewer than {@code contactDropRatio} times that many in the latest; LOYAL with at least
 * {@code loyalMinRenewals} renewals within {@code windowMonths}; POTENTIAL otherwise.
 */
record DynamicRules(int windowMonths, int churnRiskMinLapses, int contactMonths, int contactMinBefore,
                    BigDecimal contactDropRatio, int loyalMinRenewals) {

    static final Set<String> FIELDS = Set.of("windowMonths", "churnRiskMinLapses", "contactMonths", "contactMinBefore",
            "contactDropRatio", "loyalMinRenewals");

    static List<RuleProblem> check(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        read(json, problems);
        return problems;
    }

    static DynamicRules of(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        DynamicRules rules = read(json, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return rules;
    }

    private static DynamicRules read(Object json, List<RuleProblem> problems) {
        RuleReader r = RuleReader.of(json, "", FIELDS, problems);
        Integer window = r.integer("windowMonths", 1, 120);
        Integer lapses = r.integer("churnRiskMinLapses", 1, 100);
        Integer contactMonths = r.integer("contactMonths", 1, 24);
        Integer minBefore = r.integer("contactMinBefore", 1, 1000);
        BigDecimal ratio = r.number("contactDropRatio", new BigDecimal("0.01"), BigDecimal.ONE);
        Integer renewals = r.integer("loyalMinRenewals", 1, 100);
        return problems.isEmpty() ? new DynamicRules(window, lapses, contactMonths, minBefore, ratio, renewals) : null;
    }
}
