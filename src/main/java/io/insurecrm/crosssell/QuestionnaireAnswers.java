package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The answers of a pre-sale gap questionnaire (智能问卷), as typed: any field may be missing, {@link #problems()}
 * names each one that is missing or absurd. {@code newChild}: a child joined the family within the last year (the
 * youngest one).
 */
public record QuestionnaireAnswers(Long customerId, String respondent, Integer age, String maritalStatus,
                                   BigDecimal annualIncome, Integer children, Integer youngestChild, Boolean newChild,
                                   Integer parents, BigDecimal mortgage, BigDecimal lifeCover, Set<ProductLine> heldLines) {

    static final List<String> MARITAL = List.of("SINGLE", "MARRIED", "DIVORCED", "WIDOWED");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000000");

    public QuestionnaireAnswers {
        heldLines = heldLines == null ? Set.of() : Set.copyOf(heldLines);
    }

    /** A field and a message key of the crosssell bundle with its arguments. */
    public record Problem(String field, String code, List<Object> arguments) {
        static Problem of(String field, String code, Object... arguments) {
            return new Problem(field, "crosssell.questionnaire.invalid." + code, List.of(arguments));
        }
    }

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (respondent == null || respondent.isBlank()) {
            problems.add(Problem.of("respondent", "required"));
        } else if (respondent.strip().length() > 100) {
            problems.add(Problem.of("respondent", "tooLong", 100));
        }
        if (age == null) {
            problems.add(Problem.of("age", "required"));
        } else if (age < 0 || age > 120) {
            problems.add(Problem.of("age", "range", age, 0, 120));
        }
        if (maritalStatus == null || maritalStatus.isBlank()) {
            problems.add(Problem.of("maritalStatus", "required"));
        } else if (!MARITAL.contains(maritalStatus)) {
            problems.add(Problem.of("maritalStatus", "unknown", maritalStatus));
        }
        amount(problems, "annualIncome", annualIncome, true);
        if (children == null) {
            problems.add(Problem.of("children", "required"));
        } else if (children < 0 || children > 20) {
            problems.add(Problem.of("children", "range", children, 0, 20));
        } else if (children > 0 && youngestChild == null) {
            problems.add(Problem.of("youngestChild", "requiredWithChildren"));
        }
        if (youngestChild != null) {
            if (youngestChild < 0 || youngestChild > 60) {
                problems.add(Problem.of("youngestChild", "range", youngestChild, 0, 60));
            } else if (age != null && age >= 0 && age <= 120 && youngestChild >= age) {
                problems.add(Problem.of("youngestChild", "olderThanRespondent", youngestChild, age));
            } else if (children != null && children == 0) {
                problems.add(Problem.of("youngestChild", "withoutChildren"));
            }
        }
        if (Boolean.TRUE.equals(newChild) && (children == null || children == 0)) {
            problems.add(Problem.of("newChild", "withoutChildren"));
        }
        if (parents == null) {
            problems.add(Problem.of("parents", "required"));
        } else if (parents < 0 || parents > 4) {
            problems.add(Problem.of("parents", "range", parents, 0, 4));
        }
        amount(problems, "mortgage", mortgage, true);
        amount(problems, "lifeCover", lifeCover, true);
        return problems;
    }

    private static void amount(List<Problem> problems, String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(Problem.of(field, "required"));
            }
        } else if (value.signum() < 0) {
            problems.add(Problem.of(field, "negative", value.toPlainString()));
        } else if (value.compareTo(MAX_AMOUNT) > 0) {
            problems.add(Problem.of(field, "tooLarge", value.toPlainString()));
        } else if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            problems.add(Problem.of(field, "cents", value.toPlainString()));
        }
    }
}
