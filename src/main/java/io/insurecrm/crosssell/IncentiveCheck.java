package io.insurecrm.crosssell;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of a proposed incentive set, every problem named by row and field: the code (pattern, duplicates), the
 * tier (one of the active VALUE rules' segments), the kind, the discount (required for a discount, above 0 and at
 * most {@value #MAX_DISCOUNT} percent, two decimals at most; not allowed with points), the points (required for
 * points, 1 to {@value #MAX_POINTS}; not allowed with a discount), both descriptions (not empty, at most
 * {@value #MAX_TEXT} characters), and overlaps (two incentives for the same tier and line, or both for any line). An
 * empty set is refused (a tier without incentives is simply left out of the set).
 */
final class IncentiveCheck {

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    static final int MAX_DISCOUNT = 50;
    static final int MAX_POINTS = 100_000;
    static final int MAX_TEXT = 200;
    static final int MAX_INCENTIVES = 100;

    static List<IncentiveProblem> check(List<Incentive> incentives, Set<String> tiers) {
        List<IncentiveProblem> problems = new ArrayList<>();
        if (incentives == null) {
            return List.of(IncentiveProblem.of(0, "incentives", "missing"));
        }
        if (incentives.isEmpty()) {
            problems.add(IncentiveProblem.of(0, "incentives", "empty"));
        }
        if (incentives.size() > MAX_INCENTIVES) {
            problems.add(IncentiveProblem.of(0, "incentives", "tooMany", MAX_INCENTIVES));
        }
        Map<String, Integer> codes = new HashMap<>();
        Map<String, Integer> slots = new HashMap<>();   // tier + line (or any) -> row
        for (int i = 0; i < incentives.size(); i++) {
            int row = i + 1;
            Incentive in = incentives.get(i);
            if (in == null) {
                problems.add(IncentiveProblem.of(row, "incentive", "missing"));
                continue;
            }
            String code = in.code() == null ? "" : in.code().strip();
            if (!CODE.matcher(code).matches()) {
                problems.add(IncentiveProblem.of(row, "code", "codePattern", code));
            } else if (codes.containsKey(code)) {
                problems.add(IncentiveProblem.of(row, "code", "duplicateCode", code, codes.get(code)));
            } else {
                codes.put(code, row);
            }
            String tier = in.tier() == null ? "" : in.tier().strip();
            if (tier.isEmpty()) {
                problems.add(IncentiveProblem.of(row, "tier", "missingTier"));
            } else if (!tiers.contains(tier)) {
                problems.add(IncentiveProblem.of(row, "tier", "unknownTier", tier, String.join(", ", tiers.stream().sorted().toList())));
            } else {
                String slot = tier + "/" + (in.line() == null ? "*" : in.line().name());
                Integer other = slots.putIfAbsent(slot, row);
                if (other != null) {
                    problems.add(IncentiveProblem.of(row, "line", "overlap", other, tier));
                }
            }
            if (in.kind() == null) {
                problems.add(IncentiveProblem.of(row, "kind", "missingKind"));
            } else if (in.kind() == Incentive.Kind.SECOND_CONTRACT_DISCOUNT) {
                discount(problems, row, in.discountPercent());
                if (in.points() != null) {
                    problems.add(IncentiveProblem.of(row, "points", "pointsWithDiscount"));
                }
            } else {
                points(problems, row, in.points());
                if (in.discountPercent() != null) {
                    problems.add(IncentiveProblem.of(row, "discountPercent", "discountWithPoints"));
                }
            }
            text(problems, row, "descriptionZh", in.descriptionZh());
            text(problems, row, "descriptionEn", in.descriptionEn());
        }
        return problems;
    }

    private static void discount(List<IncentiveProblem> problems, int row, BigDecimal d) {
        if (d == null) {
            problems.add(IncentiveProblem.of(row, "discountPercent", "missingDiscount"));
        } else if (d.signum() < 0) {
            problems.add(IncentiveProblem.of(row, "discountPercent", "negativeDiscount", d.toPlainString()));
        } else if (d.signum() == 0 || d.compareTo(BigDecimal.valueOf(MAX_DISCOUNT)) > 0) {
            problems.add(IncentiveProblem.of(row, "discountPercent", "discountRange", d.toPlainString(), MAX_DISCOUNT));
        } else if (d.stripTrailingZeros().scale() > 2) {
            problems.add(IncentiveProblem.of(row, "discountPercent", "discountScale", d.toPlainString()));
        }
    }

    private static void points(List<IncentiveProblem> problems, int row, Integer p) {
        if (p == null) {
            problems.add(IncentiveProblem.of(row, "points", "missingPoints"));
        } else if (p < 1 || p > MAX_POINTS) {
            problems.add(IncentiveProblem.of(row, "points", "pointsRange", p, MAX_POINTS));
        }
    }

    private static void text(List<IncentiveProblem> problems, int row, String field, String text) {
        if (text == null || text.isBlank()) {
            problems.add(IncentiveProblem.of(row, field, "emptyDescription"));
        } else if (text.strip().length() > MAX_TEXT) {
            problems.add(IncentiveProblem.of(row, field, "longDescription", text.strip().length(), MAX_TEXT));
        }
    }

    private IncentiveCheck() {
    }
}
