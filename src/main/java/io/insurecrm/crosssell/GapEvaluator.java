package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Applies gap rules to a person: plain Java, no database. Every matching rule gives at most one gap. */
final class GapEvaluator {

    private GapEvaluator() {
    }

    static List<Gap> evaluate(List<GapRule> rules, Person person) {
        List<Gap> gaps = new ArrayList<>();
        for (GapRule rule : rules) {
            if (!applies(rule, person)) {
                continue;
            }
            if (rule.kind() == GapRule.Kind.MISSING_LINE) {
                if (!person.holdsAny(rule.lines())) {
                    gaps.add(gap(rule, person, null, null));
                }
            } else {
                BigDecimal cover = BigDecimal.ZERO;
                for (ProductLine line : rule.lines()) {
                    cover = cover.add(person.cover().getOrDefault(line, BigDecimal.ZERO));
                }
                BigDecimal need = need(rule, person);
                if (need.signum() > 0 && cover.compareTo(need) < 0) {
                    gaps.add(gap(rule, person, cover, need));
                }
            }
        }
        return gaps;
    }

    /** income × incomeYears + mortgage + children × educationPerChild, whole yuan. */
    static BigDecimal need(GapRule rule, Person person) {
        BigDecimal income = person.annualIncome() == null ? BigDecimal.ZERO : person.annualIncome();
        return income.multiply(rule.incomeYears()).add(person.mortgage())
                .add(rule.educationPerChild().multiply(BigDecimal.valueOf(person.children())))
                .setScale(0, RoundingMode.HALF_UP);
    }

    static boolean applies(GapRule rule, Person person) {
        if (!rule.lifeStages().isEmpty() && (person.lifeStage() == null || !rule.lifeStages().contains(person.lifeStage()))) {
            return false;
        }
        if (rule.relationship() != null && !rule.relationship().equals(person.relationship())) {
            return false;
        }
        if (rule.minAge() != null && person.age() < rule.minAge() || rule.maxAge() != null && person.age() > rule.maxAge()) {
            return false;
        }
        return switch (rule.condition()) {
            case NONE -> true;
            case HAS_CHILD -> person.children() > 0;
            case NEW_MEMBER -> person.newMember();
            case HAS_MORTGAGE -> person.mortgage().signum() > 0;
        };
    }

    private static Gap gap(GapRule rule, Person person, BigDecimal cover, BigDecimal need) {
        return new Gap(person.customerId(), person.name(), rule.code(), rule.suggestLine(), cover, need,
                fill(rule.explanationZh(), person, cover, need), fill(rule.explanationEn(), person, cover, need));
    }

    static String fill(String template, Person person, BigDecimal cover, BigDecimal need) {
        return template.replace("{name}", person.name() == null ? "" : person.name())
                .replace("{age}", Integer.toString(person.age()))
                .replace("{cover}", cover == null ? "" : amount(cover))
                .replace("{need}", need == null ? "" : amount(need));
    }

    static String amount(BigDecimal value) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
