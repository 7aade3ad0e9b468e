package io.insurecrm.engagement;

import java.util.List;

/** One reason a template, trigger or task change is refused: the field, a message key and its arguments. */
public record RuleProblem(String field, String code, List<Object> arguments) {

    public RuleProblem(String field, String code, Object... arguments) {
        this(field, code, List.of(arguments));
    }
}
