package io.insurecrm.engagement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A message template in one language; variables are written {{name}} and must be among {@link #VARIABLES}. */
public record MessageTemplate(String code, String locale, String subject, String body, int version,
                              Instant updatedAt, String updatedBy) {

    /** The variables a template may use; the engagement module fills them from the book. */
    public static final Set<String> VARIABLES = Set.of("customerName", "agentName", "policyNumber", "date", "advice",
            "claimNumber", "claimStatus", "link", "code", "days", "loyaltyPreview");
    /**
     * Variables that may be empty: a sentence appended only when it applies (loyaltyPreview: what renewing a home
     * policy unlocks in the loyalty programme). Templates put them where the text reads well without them.
     */
    public static final Set<String> OPTIONAL = Set.of("loyaltyPreview");
    public static final List<String> LOCALES = List.of("zh-CN", "en");

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,39}$");

    /** Every problem of a template as message keys with arguments: empty means it may be saved. */
    public static List<RuleProblem> problems(String code, String locale, String subject, String body) {
        List<RuleProblem> problems = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            problems.add(new RuleProblem("code", "engagement.template.code.invalid", code == null ? "" : code));
        }
        if (locale == null || !LOCALES.contains(locale)) {
            problems.add(new RuleProblem("locale", "engagement.template.locale.invalid", locale == null ? "" : locale));
        }
        if (body == null || body.isBlank()) {
            problems.add(new RuleProblem("body", "engagement.template.body.missing"));
        } else if (body.length() > 2000) {
            problems.add(new RuleProblem("body", "engagement.template.body.tooLong", 2000));
        }
        if (subject != null && subject.length() > 200) {
            problems.add(new RuleProblem("subject", "engagement.template.subject.tooLong", 200));
        }
        for (String field : List.of("subject", "body")) {
            String text = field.equals("subject") ? subject : body;
            for (String name : variables(text)) {
                if (!VARIABLES.contains(name)) {
                    problems.add(new RuleProblem(field, "engagement.template.variable.unknown", name,
                            String.join(", ", VARIABLES.stream().sorted().toList())));
                }
            }
            if (text != null && (text.replaceAll(VARIABLE.pattern(), "").contains("{{")
                    || text.replaceAll(VARIABLE.pattern(), "").contains("}}"))) {
                problems.add(new RuleProblem(field, "engagement.template.variable.unclosed"));
            }
        }
        return problems;
    }

    /** The variable names a text uses, in order of first use. */
    public static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * The text with every variable replaced. An {@link #OPTIONAL} variable may be empty; the spaces it leaves
     * (doubled, or at either end) are tidied away.
     *
     * @throws IllegalArgumentException naming the first variable that has no value
     */
    public static String render(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean leftOut = false;
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || value.isBlank()) {
                if (!OPTIONAL.contains(m.group(1))) {
                    throw new IllegalArgumentException("variable " + m.group(1) + " has no value");
                }
                value = "";
                leftOut = true;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return leftOut ? out.toString().replaceAll(" {2,}", " ").strip() : out.toString();
    }
}
