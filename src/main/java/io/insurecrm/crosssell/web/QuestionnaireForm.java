package io.insurecrm.crosssell.web;

import io.insurecrm.crosssell.QuestionnaireAnswers;
import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The questionnaire page's form as typed; numbers that do not parse are field problems, not a 400 page. */
public class QuestionnaireForm {

    private String customerId;
    private String respondent;
    private String age;
    private String maritalStatus;
    private String annualIncome;
    private String children = "0";
    private String youngestChild;
    private boolean newChild;
    private String parents = "0";
    private String mortgage = "0";
    private String lifeCover = "0";
    private List<String> heldLines = new ArrayList<>();

    record Parsed(QuestionnaireAnswers answers, List<QuestionnaireAnswers.Problem> problems) {
    }

    Parsed parse() {
        List<QuestionnaireAnswers.Problem> problems = new ArrayList<>();
        Set<ProductLine> held = EnumSet.noneOf(ProductLine.class);
        for (String line : heldLines) {
            try {
                held.add(ProductLine.valueOf(line));
            } catch (IllegalArgumentException e) {
                problems.add(new QuestionnaireAnswers.Problem("heldLines", "crosssell.questionnaire.invalid.unknown", List.of(line)));
            }
        }
        Long customer = null;
        if (customerId != null && !customerId.isBlank()) {
            try {
                customer = Long.valueOf(customerId.strip());
            } catch (NumberFormatException e) {
                problems.add(new QuestionnaireAnswers.Problem("customerId", "crosssell.questionnaire.invalid.notNumber",
                        List.of(customerId.strip())));
            }
        }
        QuestionnaireAnswers answers = new QuestionnaireAnswers(customer, respondent,
                integer("age", age, problems), maritalStatus == null || maritalStatus.isBlank() ? null : maritalStatus,
                decimal("annualIncome", annualIncome, problems), integer("children", children, problems),
                integer("youngestChild", youngestChild, problems), newChild, integer("parents", parents, problems),
                decimal("mortgage", mortgage, problems), decimal("lifeCover", lifeCover, problems), held);
        // format problems first; then what the answers themselves say of the fields that did parse
        List<String> unparsed = problems.stream().map(QuestionnaireAnswers.Problem::field).toList();
        answers.problems().stream().filter(p -> !unparsed.contains(p.field())).forEach(problems::add);
        return new Parsed(answers, problems);
    }

    private static Integer integer(String field, String value, List<QuestionnaireAnswers.Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(new QuestionnaireAnswers.Problem(field, "crosssell.questionnaire.invalid.notNumber", List.of(value.strip())));
            return null;
        }
    }

    private static BigDecimal decimal(String field, String value, List<QuestionnaireAnswers.Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(new QuestionnaireAnswers.Problem(field, "crosssell.questionnaire.invalid.notNumber", List.of(value.strip())));
            return null;
        }
    }

    public String getCustomerId() { return customerId; }
    public void setCustomerId(String customerId) { this.customerId = customerId; }
    public String getRespondent() { return respondent; }
    public void setRespondent(String respondent) { this.respondent = respondent; }
    public String getAge() { return age; }
    public void setAge(String age) { this.age = age; }
    public String getMaritalStatus() { return maritalStatus; }
    public void setMaritalStatus(String maritalStatus) { this.maritalStatus = maritalStatus; }
    public String getAnnualIncome() { return annualIncome; }
    public void setAnnualIncome(String annualIncome) { this.annualIncome = annualIncome; }
    public String getChildren() { return children; }
    public void setChildren(String children) { this.children = children; }
    public String getYoungestChild() { return youngestChild; }
    public void setYoungestChild(String youngestChild) { this.youngestChild = youngestChild; }
    public boolean isNewChild() { return newChild; }
    public void setNewChild(boolean newChild) { this.newChild = newChild; }
    public String getParents() { return parents; }
    public void setParents(String parents) { this.parents = parents; }
    public String getMortgage() { return mortgage; }
    public void setMortgage(String mortgage) { this.mortgage = mortgage; }
    public String getLifeCover() { return lifeCover; }
    public void setLifeCover(String lifeCover) { this.lifeCover = lifeCover; }
    public List<String> getHeldLines() { return heldLines; }
    public void setHeldLines(List<String> heldLines) { this.heldLines = heldLines == null ? new ArrayList<>() : heldLines; }
}
