package io.insurecrm.segmentation;

import java.util.List;

/**
 * What is wrong with a proposed rule set: a message key of the segmentation bundle and its arguments, e.g.
 * {@code segmentation.rules.gap} with (10,000, 20,000) for "no band covers 10,000–20,000".
 */
public record RuleProblem(String code, List<Object> arguments) {

    public RuleProblem {
        arguments = List.copyOf(arguments);
    }

    static RuleProblem of(String code, Object... arguments) {
        return new RuleProblem("segmentation.rules." + code, List.of(arguments));
    }
}
